using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;

namespace Terminagent.Engine.Texts;

/// <summary>
/// Dates and times as citizens read them, in the office's own time zone. Each language's resources
/// give the pattern (the order of day, month and year); the culture gives the weekday and month names.
/// </summary>
public static class TimeFormat
{
    private static readonly ResourceManager Texts = new(typeof(TimeFormat));
    private static readonly ConcurrentDictionary<(string Key, string Lang), LocalDatePattern> Patterns = new();

    public static string Day(LocalDate date, string lang) => Pattern("Day", lang).Format(date);

    /// <summary>A day in a few letters, for a row of days on a small screen: "Mo. 30.11.", "Mon 30 Nov".</summary>
    public static string ShortDay(LocalDate date, string lang) => Pattern("ShortDay", lang).Format(date);

    /// <summary>A weekday's name in the language: "Montag", "Pazartesi".</summary>
    public static string DayName(IsoDayOfWeek day, string lang) =>
        Languages.CultureOf(lang).DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7));

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

        return Text(zoned.IsDaylightSavingTime() ? "SummerTime" : "WinterTime", lang);
    }

    private static string Text(string key, string lang) =>
        Texts.GetString(key, Languages.CultureOf(lang)) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(TimeFormat)}.");

    private static LocalDatePattern Pattern(string key, string lang) =>
        Patterns.GetOrAdd((key, lang), k => LocalDatePattern.Create(Text(k.Key, k.Lang), Languages.CultureOf(k.Lang)));
}
