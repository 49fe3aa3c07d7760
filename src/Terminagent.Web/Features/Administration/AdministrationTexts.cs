using NodaTime;
using Terminagent.Domain.Slots;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Administration;

public static class AdministrationTexts
{
    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    public static string Reason(ScheduleConflict reason, string lang) => reason switch
    {
        ScheduleConflict.Closed => Language.Pick(lang, "zu dieser Zeit geschlossen", "closed at that time"),
        ScheduleConflict.TooFewCounters => Language.Pick(lang, "weniger Schalter als Buchungen", "fewer counters than bookings"),
        ScheduleConflict.ServiceNotOffered => Language.Pick(lang, "Anliegen hier nicht mehr angeboten", "service no longer offered here"),
        _ => reason.ToString(),
    };

    public static string WeekdayName(IsoDayOfWeek day, string lang) =>
        Language.CultureOf(lang).DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7));
}
