using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Tests.Texts;

/// <summary>Times as citizens read them; on the night the clocks go back, which of the two 02:00 is meant.</summary>
public sealed class TimeFormatTests
{
    private static readonly Office Mitte = new(
        "mitte", "Bürgerbüro Mitte", "Marktplatz 1", DateTimeZoneProviders.Tzdb["Europe/Berlin"], HasKiosk: false,
        new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningPeriod>>(), new HashSet<LocalDate>(), ReleasePolicy.Default);

    private static readonly Instant FirstTwoOClock = Instant.FromUtc(2027, 10, 31, 0, 0);
    private static readonly Instant SecondTwoOClock = Instant.FromUtc(2027, 10, 31, 1, 0);

    [Fact]
    public void RepeatedHour_SaysWhichOneIsMeant_InBothLanguages()
    {
        Assert.Equal(("02:00", "02:00"), (TimeFormat.Time(FirstTwoOClock, Mitte), TimeFormat.Time(SecondTwoOClock, Mitte)));
        Assert.Equal(" (Sommerzeit)", TimeFormat.WhichHour(FirstTwoOClock, Mitte, "de"));
        Assert.Equal(" (Winterzeit)", TimeFormat.WhichHour(SecondTwoOClock, Mitte, "de"));
        Assert.Equal(" (summer time)", TimeFormat.WhichHour(FirstTwoOClock, Mitte, "en"));
        Assert.Equal(" (winter time)", TimeFormat.WhichHour(SecondTwoOClock, Mitte, "en"));
        Assert.Equal("Sonntag, 31. Oktober 2027, 02:00 (Winterzeit)", TimeFormat.DateAndTime(SecondTwoOClock, Mitte, "de"));
    }

    [Fact]
    public void EveryOtherTime_SaysNothingMore()
    {
        Instant[] ordinary = [Instant.FromUtc(2027, 10, 31, 2, 0), Instant.FromUtc(2027, 10, 30, 0, 0), Instant.FromUtc(2027, 3, 28, 1, 0), Instant.FromUtc(2027, 6, 1, 8, 0)];

        Assert.All(ordinary, instant => Assert.Equal("", TimeFormat.WhichHour(instant, Mitte, "de")));
    }
}
