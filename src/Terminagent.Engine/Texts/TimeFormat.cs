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

    /// <summary>A day in a few letters, for a row of days on a small screen: "Mo. 30.11.", "Mon 30 Nov".</summary>
    public static string ShortDay(LocalDate date, string lang) =>
        LocalDatePattern.Create(Languages.Pick(lang, "ddd dd.MM.", "ddd d MMM"), Languages.CultureOf(lang)).Format(date);

    public static string Time(Instant instant, Office office) =>
        instant.InZone(office.Zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayOf(Instant instant, Office office, string lang) => Day(instant.InZone(office.Zone).Date, lang);

    public static string DateAndTime(Instant instant, Office office, string lang) => $"{DayOf(instant, office, lang)}, {Time(instant, office)}{WhichHour(instant, office, lang)}";

    /// <summary>
    /// Which of the two is meant when the clocks go back and a time of day comes twice: " (Sommerzeit)"
    /// for the first, " (Winterzeit)" for the second; empty on every other day and hour.
    /// </summary>
    public static string WhichHour(Instant instant, Office office, string lang)
    {
        var zoned = instant.InZone(office.Zone);
        if (office.Zone.MapLocal(zoned.LocalDateTime).Count < 2)
        {
            return "";
        }

        return zoned.IsDaylightSavingTime()
            ? Languages.Pick(lang, " (Sommerzeit)", " (summer time)")
            : Languages.Pick(lang, " (Winterzeit)", " (winter time)");
    }
}
