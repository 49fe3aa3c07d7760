using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Statistics;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Features.Statistics.Charts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Statistics;

/// <summary>
/// The statistics of the offices a member may see, for a period: charts drawn on the server, each
/// followed by its table, each table downloadable as CSV.
/// </summary>
public sealed class IndexModel(StatisticsQuery query, City city, Clock clock, Language lang, IStringLocalizer<StatisticsTexts> t) : PageModel
{
    public StatisticsFilter Filter { get; private set; } = null!;

    public StatisticsReport Report { get; private set; } = null!;

    public IReadOnlyDictionary<string, StatisticsTable> Tables { get; private set; } = new Dictionary<string, StatisticsTable>();

    public IReadOnlyDictionary<string, BarChart> Charts { get; private set; } = new Dictionary<string, BarChart>();

    public async Task<IActionResult> OnGetAsync(string? office, string? from, string? to, CancellationToken ct)
    {
        Filter = StatisticsFilter.Read(StaffMember.From(User)!, city, clock.Now, office, from, to, lang.Code);
        switch (Filter.Refusal)
        {
            case FilterRefusal.UnknownOffice:
                return NotFound();
            case FilterRefusal.NotYourOffice:
                return Forbid();
        }

        Report = await query.ReportAsync(Filter.Period, Filter.Scope, ct);
        Tables = StatisticsTables.All(Report, lang.Code).ToDictionary(t => t.Name);
        Charts = BuildCharts();
        return Page();
    }

    public string ExportLink(string table) => $"/staff/statistics/export/{table}.csv?{Filter.Query()}";

    public string PresetLink(int days)
    {
        var today = clock.Now.InZone(Filter.Period.Zone).Date;
        return Url.Page("/Statistics/Index", new { office = Filter.OfficeId, from = IsoDay(today.PlusDays(1 - days)), to = IsoDay(today) })!;
    }

    public string IsoDay(LocalDate day) => LocalDatePattern.Iso.Format(day);

    public string Percent(double? share) => share is { } s ? s.ToString("P0", lang.Culture) : "–";

    public string Number(int n) => n.ToString("N0", lang.Culture);

    public string OfficeName => Filter.OfficeId is { } id ? city.FindOffice(id)!.Name
        : Filter.Scope is null ? t["Chart.AllOffices"]
        : Filter.Offices.Count == 1 ? Filter.Offices[0].Name
        : t["Chart.YourOffices"];

    private Dictionary<string, BarChart> BuildCharts()
    {
        var weekly = Report.Period.Weekly;
        var days = Report.Buckets.Select(b => ShortDay(b.Start, weekly)).ToList();
        string Count(double v) => v.ToString("N0", lang.Culture);
        string Share(double v) => v.ToString("P0", lang.Culture);
        var per = weekly ? t["Chart.PerWeek"] : t["Chart.PerDay"];
        var noData = t["Chart.NoDataPeriod"];
        var seeTable = t["Chart.ValuesAreTableBelow"];
        List<double> Of(Func<BucketFigures, double> value) => Report.Buckets.Select(value).ToList();

        var charts = new Dictionary<string, BarChart>
        {
            ["appointments"] = new("chart-appointments", t["Chart.AppointmentsChannel", per],
                t["Chart.StackedBarsAppointmentsBooked", per, seeTable],
                days,
                [new(t["Chart.Online"], "s-online", Of(b => b.BookedOnline)), new(t["Chart.Infoline"], "s-infoline", Of(b => b.BookedByInfoline))],
                Count, Stacked: true, NoDataText: noData, Compact: true),
            ["missed"] = new("chart-missed", t["Chart.CancellationsNoShows", per],
                t["Chart.GroupedBarsCancelledAppointments", per, seeTable],
                days,
                [new(t["Chart.Cancelled"], "s-cancelled", Of(b => b.Cancelled)), new(t["Chart.NoShows"], "s-noshow", Of(b => b.NoShows))],
                Count, NoDataText: noData, Compact: true),
            ["utilisation"] = new("chart-utilisation", t["Chart.UtilisationPer", per],
                t["Chart.BarsSharePlacesTaken", per, seeTable],
                days,
                [new(t["Page.Utilisation"], "s-utilisation", Of(b => b.Utilisation ?? 0))],
                Share, FixedMax: 1, NoDataText: noData),
            ["wishes"] = new("chart-wishes", t["Chart.WishesRegistered", per],
                t["Chart.BarsNewConfirmedWishes", per, seeTable],
                days,
                [new(t["Chart.Wishes"], "s-wishes", Of(b => b.WishesRegistered))],
                Count, NoDataText: noData, Compact: true),
            ["offers"] = new("chart-offers", t["Chart.OffersOutcome", per],
                t["Chart.StackedBarsOffersAccepted", per, seeTable],
                days,
                [
                    new(t["Chart.Accepted"], "s-accepted", Of(b => b.OffersAccepted)),
                    new(t["Chart.Declined"], "s-declined", Of(b => b.OffersDeclined)),
                    new(t["Chart.Lapsed"], "s-lapsed", Of(b => b.OffersLapsed)),
                    new(t["Chart.Open"], "s-open", Of(b => b.OffersOpen)),
                ],
                Count, Stacked: true, NoDataText: noData, Compact: true),
            ["time-to-offer"] = Histogram("chart-time-to-offer", Tables[StatisticsTables.TimeToOffer], t["Chart.Wishes"], "s-wishes", Count, noData, seeTable, compact: true),
            ["time-to-answer"] = Histogram("chart-time-to-answer", Tables[StatisticsTables.TimeToAnswer], t["Chart.Offers"], "s-accepted", Count, noData, seeTable, compact: true),
            ["walk-in-wait"] = Histogram("chart-walk-in-wait", Tables[StatisticsTables.WalkInWait], t["Chart.Visits"], "s-infoline", Count, noData, seeTable, compact: false),
        };
        return charts;
    }

    private BarChart Histogram(string id, StatisticsTable table, string what, string css, Func<double, string> format, string noData, string seeTable, bool compact) =>
        new(id, table.Caption,
            t["Chart.BarsCountPerDuration", seeTable],
            table.Rows.Select(r => (string)r[0]!).ToList(),
            [new(what, css, table.Rows.Select(r => (double)(int)r[1]!).ToList())],
            format, NoDataText: noData, Compact: compact);

    private string ShortDay(LocalDate day, bool weekly) => weekly
        ? t["Chart.Week", WeekYearRules.Iso.GetWeekOfWeekYear(day).ToString(CultureInfo.InvariantCulture)]
        : LocalDatePattern.Create(t["Chart.DayPattern"], lang.Culture).Format(day);
}
