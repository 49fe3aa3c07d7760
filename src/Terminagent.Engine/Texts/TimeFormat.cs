using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;

namespace Terminagent.Engine.Texts;

/// <summary>Dates and times as citizens read them, in the office's own time zone.</summary>
public static class TimeFormat
{
    public static string Day(LocalDate date, string lang) =>
        LocalDatePattern.Create(Languages.Pick(lang, "dddd, d. MMMM yyyy", "dddd, d MMMM yyyy"), Languages.CultureOf(lang)).Format(date);

    public static string Time(Instant instant, Office office) =>
        instant.InZone(office.Zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayOf(Instant instant, Office office, string lang) => Day(instant.InZone(office.Zone).Date, lang);

    public static string DateAndTime(Instant instant, Office office, string lang) => $"{DayOf(instant, office, lang)}, {Time(instant, office)}";
}
