using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.City;
using Terminagent.Domain.Slots;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Shared;

/// <summary>Dates and times as citizens read them, in the office's own time zone.</summary>
public static class Display
{
    public static string Day(LocalDate date, string lang) =>
        LocalDatePattern.Create(Language.Pick(lang, "dddd, d. MMMM yyyy", "dddd, d MMMM yyyy"), Language.CultureOf(lang)).Format(date);

    public static string Time(Instant instant, Office office) =>
        instant.InZone(office.Zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayOf(Instant instant, Office office, string lang) => Day(instant.InZone(office.Zone).Date, lang);

    public static string DateAndTime(Instant instant, Office office, string lang) => $"{DayOf(instant, office, lang)}, {Time(instant, office)}";

    /// <summary>The booking form for a free time; the searched offices come along so a lost race can offer alternatives there.</summary>
    public static string BookLink(string serviceId, FreeTime time, IEnumerable<string> searchedOffices, bool english) =>
        $"/book?service={serviceId}&at={time.OfficeId}&start={Uri.EscapeDataString(InstantParameter(time.Start))}"
        + string.Concat(searchedOffices.Select(o => $"&office={o}"))
        + (english ? "&lang=en" : "");

    public static string InstantParameter(Instant instant) => InstantPattern.General.Format(instant);

    public static Instant? ParseInstant(string? text) =>
        text is { Length: <= 40 } && InstantPattern.General.Parse(text) is { Success: true } r ? r.Value : null;

    public static LocalDate? ParseDay(string? text) =>
        text is { Length: <= 10 } && LocalDatePattern.Iso.Parse(text) is { Success: true } r ? r.Value : null;
}
