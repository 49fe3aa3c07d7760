using NodaTime;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Audit;
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

    /// <summary>The audit log's kinds of action as staff read them.</summary>
    public static string ActionName(string action, string lang) => action switch
    {
        "office.settings" => Language.Pick(lang, "Standort geändert", "Office changed"),
        "office.closed-days" => Language.Pick(lang, "Schließtage geändert", "Closed days changed"),
        "office.holidays" => Language.Pick(lang, "Feiertage übernommen", "Public holidays taken"),
        "office.new" => Language.Pick(lang, "Standort angelegt", "Office added"),
        "service.settings" => Language.Pick(lang, "Anliegen geändert", "Service changed"),
        "service.new" => Language.Pick(lang, "Anliegen angelegt", "Service added"),
        "schedule.notice" => Language.Pick(lang, "Betroffene per E-Mail informiert (Buchungscodes)", "Affected citizens told by email (booking codes)"),
        "city.file" => Language.Pick(lang, "Einstellungen aus der Stadtdatei übernommen", "Settings taken from the city file"),
        _ => AuditActions.Find(action)?.Name(lang) ?? action,
    };

    public static string WeekdayName(IsoDayOfWeek day, string lang) =>
        Language.CultureOf(lang).DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7));
}
