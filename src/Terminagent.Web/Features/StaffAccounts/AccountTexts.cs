using System.Globalization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>How the account pages show moments and offices.</summary>
public static class AccountTexts
{
    /// <summary>A moment in the city's time zone (the zone of its first office), as staff read it.</summary>
    public static string Moment(Instant instant, City city, string language) =>
        instant.InZone(city.Offices[0].Zone).ToString(Language.Pick(language, "dd.MM.yyyy, HH:mm 'Uhr'", "yyyy-MM-dd HH:mm"), CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset moment, City city, string language) =>
        Moment(Instant.FromDateTimeOffset(moment), city, language);

    public static string RoleDuties(StaffRole role, string language) => role switch
    {
        StaffRole.Clerk => Language.Pick(language, "Schalter der eigenen Standorte", "counters of their own offices"),
        StaffRole.InfolineAgent => Language.Pick(language, "Buchungen für Anrufende, alle Standorte", "bookings for callers, every office"),
        StaffRole.OfficeManager => Language.Pick(language, "Schalter, Kiosk und Aufrufanzeige der eigenen Standorte", "counters, kiosk and call display of their own offices"),
        StaffRole.Administrator => Language.Pick(language, "alles, auch die Konten", "everything, accounts included"),
        _ => "",
    };

    public static string Offices(IEnumerable<string> officeIds, City city, string language)
    {
        var names = officeIds.Select(id => city.FindOffice(id)?.Name ?? id).ToList();
        return names.Count == 0 ? Language.Pick(language, "alle", "all") : string.Join(", ", names);
    }
}
