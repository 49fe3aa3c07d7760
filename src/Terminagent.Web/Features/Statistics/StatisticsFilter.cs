using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Statistics;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Statistics;

public enum FilterRefusal
{
    None,
    UnknownOffice,
    NotYourOffice,
}

/// <summary>
/// What the statistics page and its CSV exports were asked for (office, from, to in the query
/// string), read the same way for both, with the member's right to see it decided here.
/// </summary>
public sealed record StatisticsFilter(
    string? OfficeId,
    IReadOnlyList<Office> Offices,
    IReadOnlyList<string>? Scope,
    StatisticsPeriod Period,
    FilterRefusal Refusal,
    string? Problem)
{
    public const int DefaultDays = 30;
    public static readonly int[] Presets = [7, 30, 90, 365];

    /// <summary>Reads the query; <paramref name="officeId"/> is one office, or empty for every office the member may see.</summary>
    public static StatisticsFilter Read(StaffMember member, City city, Instant now, string? officeId, string? from, string? to, string lang)
    {
        var offices = member.OfficesFor(StaffTask.ViewStatistics, city).ToList();
        var office = string.IsNullOrEmpty(officeId) ? null : city.FindOffice(officeId);
        var refusal = officeId switch
        {
            null or "" => FilterRefusal.None,
            _ when office is null => FilterRefusal.UnknownOffice,
            _ when !member.MayDoAt(StaffTask.ViewStatistics, office.Id) => FilterRefusal.NotYourOffice,
            _ => FilterRefusal.None,
        };

        // An administrator's "all" is the whole city; a manager's "all" is their own offices.
        IReadOnlyList<string>? scope = office is not null
            ? [office.Id]
            : member.Role == StaffRole.Administrator ? null : offices.Select(o => o.Id).ToList();
        var zone = (office ?? city.Offices[0]).Zone;
        var today = now.InZone(zone).Date;
        var (period, problem) = ReadPeriod(Moments.ReadDay(from, now), Moments.ReadDay(to, now), today, zone, lang);
        return new StatisticsFilter(office?.Id, offices, scope, period, refusal, problem);
    }

    private static (StatisticsPeriod, string?) ReadPeriod(MomentInput<LocalDate> from, MomentInput<LocalDate> to, LocalDate today, DateTimeZone zone, string lang)
    {
        var fallback = new StatisticsPeriod(today.PlusDays(1 - DefaultDays), today, zone);
        if (from.Problem == MomentProblem.Unreadable || to.Problem == MomentProblem.Unreadable)
        {
            return (fallback, StatisticsTexts.Text("Filter.PleaseEnterDatesAs", lang));
        }

        // Years that hold no office's day (and at the end of the calendar could not be counted up to).
        var last = to.Value ?? today;
        var first = from.Value ?? last.PlusDays(1 - DefaultDays);
        if (from.Refused || to.Refused || !Moments.InReach(first, today))
        {
            return (fallback, StatisticsTexts.Text("Filter.PleaseChooseDatesWithin", lang, Moments.YearsReachable));
        }

        if (first > last)
        {
            return (fallback, StatisticsTexts.Text("Filter.StartAfterEndPeriod", lang));
        }

        var period = new StatisticsPeriod(first, last, zone);
        if (period.Days > StatisticsPeriod.MaxDays)
        {
            return (new StatisticsPeriod(last.PlusDays(1 - StatisticsPeriod.MaxDays), last, zone), StatisticsTexts.Text("Filter.PeriodSpansMostDays", lang, StatisticsPeriod.MaxDays));
        }

        return (period, null);
    }

    /// <summary>The query string that asks for the same office and period again.</summary>
    public string Query(StatisticsPeriod? period = null)
    {
        var p = period ?? Period;
        var office = OfficeId is null ? "" : $"office={Uri.EscapeDataString(OfficeId)}&";
        return $"{office}from={LocalDatePattern.Iso.Format(p.From)}&to={LocalDatePattern.Iso.Format(p.To)}";
    }
}
