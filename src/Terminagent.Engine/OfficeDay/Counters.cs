using System.Globalization;
using System.Resources;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.OfficeDay;

/// <summary>
/// The counters of an office are numbered 1 to N, N being the most counters any of its opening
/// periods staffs. A visit and a call record the number; people read "Schalter 3".
/// </summary>
public static class Counters
{
    private static readonly ResourceManager Texts = new(typeof(Counters));

    public static int CountAt(Office office) =>
        Math.Max(1, office.OpeningHours.Values.SelectMany(periods => periods).Select(p => p.Counters).DefaultIfEmpty(1).Max());

    public static bool Exists(Office office, int counter) => counter >= 1 && counter <= CountAt(office);

    /// <summary>What a visit and a call store for the counter.</summary>
    public static string Key(int counter) => counter.ToString(CultureInfo.InvariantCulture);

    /// <summary>"Schalter 3", "Gişe 3": <c>Counters.resx</c> and its languages beside this file.</summary>
    public static string Name(int counter, string lang)
    {
        var culture = Languages.CultureOf(lang);
        var text = Texts.GetString("Counter.Name", culture) ?? throw new MissingManifestResourceException($"No text Counter.Name in {nameof(Counters)}.");
        return string.Format(culture, text, counter.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The name of a stored counter; a key that is not a number is shown as it is.</summary>
    public static string Name(string? key, string lang) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Name(number, lang) : key ?? "";

    public static LocalDate Today(Office office, Instant now) => now.InZone(office.Zone).Date;

    /// <summary>The moments today begins and ends in the office's zone (a day may have 23 or 25 hours).</summary>
    public static (Instant Start, Instant End) TodayBounds(Office office, Instant now)
    {
        var today = Today(office, now);
        return (today.AtStartOfDayInZone(office.Zone).ToInstant(), today.PlusDays(1).AtStartOfDayInZone(office.Zone).ToInstant());
    }
}
