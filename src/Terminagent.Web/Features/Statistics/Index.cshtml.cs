using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public sealed class IndexModel(StatisticsQuery query, City city, Clock clock, Language lang) : PageModel
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
        : Filter.Scope is null ? lang.L("alle Standorte", "all offices")
        : Filter.Offices.Count == 1 ? Filter.Offices[0].Name
        : lang.L("Ihre Standorte", "your offices");

    private Dictionary<string, BarChart> BuildCharts()
    {
        var weekly = Report.Period.Weekly;
        var days = Report.Buckets.Select(b => ShortDay(b.Start, weekly)).ToList();
        string Count(double v) => v.ToString("N0", lang.Culture);
        string Share(double v) => v.ToString("P0", lang.Culture);
        var per = weekly ? lang.L("pro Woche", "per week") : lang.L("pro Tag", "per day");
        var noData = lang.L("Keine Daten im Zeitraum", "No data in this period");
        var seeTable = lang.L("Die Werte stehen in der Tabelle unter dem Diagramm.", "The values are in the table below the chart.");
        List<double> Of(Func<BucketFigures, double> value) => Report.Buckets.Select(value).ToList();

        var charts = new Dictionary<string, BarChart>
        {
            ["appointments"] = new("chart-appointments", lang.L($"Termine {per} nach Buchungsweg", $"Appointments {per} by channel"),
                lang.L($"Gestapelte Säulen: online und über die Infoline gebuchte Termine {per}. ", $"Stacked bars: appointments booked online and through the infoline {per}. ") + seeTable,
                days,
                [new(lang.L("Online", "Online"), "s-online", Of(b => b.BookedOnline)), new(lang.L("Infoline", "Infoline"), "s-infoline", Of(b => b.BookedByInfoline))],
                Count, Stacked: true, NoDataText: noData, Compact: true),
            ["missed"] = new("chart-missed", lang.L($"Absagen und nicht erschienen {per}", $"Cancellations and no-shows {per}"),
                lang.L($"Säulen nebeneinander: abgesagte Termine und Termine ohne Erscheinen {per}. ", $"Grouped bars: cancelled appointments and no-shows {per}. ") + seeTable,
                days,
                [new(lang.L("Abgesagt", "Cancelled"), "s-cancelled", Of(b => b.Cancelled)), new(lang.L("Nicht erschienen", "No-shows"), "s-noshow", Of(b => b.NoShows))],
                Count, NoDataText: noData, Compact: true),
            ["utilisation"] = new("chart-utilisation", lang.L($"Auslastung {per}", $"Utilisation {per}"),
                lang.L($"Säulen: Anteil der belegten Plätze an allen Plätzen der Zeitfenster {per}, 0 bis 100 %. ", $"Bars: share of the places taken among all places of the slots {per}, 0 to 100%. ") + seeTable,
                days,
                [new(lang.L("Auslastung", "Utilisation"), "s-utilisation", Of(b => b.Utilisation ?? 0))],
                Share, FixedMax: 1, NoDataText: noData),
            ["wishes"] = new("chart-wishes", lang.L($"Registrierte Terminwünsche {per}", $"Wishes registered {per}"),
                lang.L($"Säulen: bestätigte neue Terminwünsche {per}. ", $"Bars: new confirmed wishes {per}. ") + seeTable,
                days,
                [new(lang.L("Wünsche", "Wishes"), "s-wishes", Of(b => b.WishesRegistered))],
                Count, NoDataText: noData, Compact: true),
            ["offers"] = new("chart-offers", lang.L($"Angebote {per} nach Ausgang", $"Offers {per} by outcome"),
                lang.L($"Gestapelte Säulen: angenommene, abgelehnte, verfallene und noch offene Angebote {per}. ", $"Stacked bars: offers accepted, declined, lapsed and still open {per}. ") + seeTable,
                days,
                [
                    new(lang.L("Angenommen", "Accepted"), "s-accepted", Of(b => b.OffersAccepted)),
                    new(lang.L("Abgelehnt", "Declined"), "s-declined", Of(b => b.OffersDeclined)),
                    new(lang.L("Verfallen", "Lapsed"), "s-lapsed", Of(b => b.OffersLapsed)),
                    new(lang.L("Offen", "Open"), "s-open", Of(b => b.OffersOpen)),
                ],
                Count, Stacked: true, NoDataText: noData, Compact: true),
            ["time-to-offer"] = Histogram("chart-time-to-offer", Tables[StatisticsTables.TimeToOffer], lang.L("Wünsche", "Wishes"), "s-wishes", Count, noData, seeTable, compact: true),
            ["time-to-answer"] = Histogram("chart-time-to-answer", Tables[StatisticsTables.TimeToAnswer], lang.L("Angebote", "Offers"), "s-accepted", Count, noData, seeTable, compact: true),
            ["walk-in-wait"] = Histogram("chart-walk-in-wait", Tables[StatisticsTables.WalkInWait], lang.L("Besuche", "Visits"), "s-infoline", Count, noData, seeTable, compact: false),
        };
        return charts;
    }

    private BarChart Histogram(string id, StatisticsTable table, string what, string css, Func<double, string> format, string noData, string seeTable, bool compact) =>
        new(id, table.Caption,
            lang.L("Säulen: Anzahl je Dauer. ", "Bars: count per duration. ") + seeTable,
            table.Rows.Select(r => (string)r[0]!).ToList(),
            [new(what, css, table.Rows.Select(r => (double)(int)r[1]!).ToList())],
            format, NoDataText: noData, Compact: compact);

    private string ShortDay(LocalDate day, bool weekly) => weekly
        ? lang.L("KW ", "W") + WeekYearRules.Iso.GetWeekOfWeekYear(day).ToString(CultureInfo.InvariantCulture)
        : LocalDatePattern.Create(lang.L("d.M.", "d/M"), lang.Culture).Format(day);
}
