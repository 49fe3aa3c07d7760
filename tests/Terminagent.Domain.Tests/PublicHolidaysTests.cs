using NodaTime;
using Terminagent.Domain.Cities;

namespace Terminagent.Domain.Tests;

/// <summary>Checked against the published holiday calendars of North Rhine-Westphalia.</summary>
public class PublicHolidaysTests
{
    [Theory]
    [InlineData(2008, 3, 23)] // early: 23 March
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest possible date
    [InlineData(2285, 3, 22)] // the earliest possible date
    public void EasterSunday_MatchesTheCalendar(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), PublicHolidays.EasterSunday(year));

    [Fact]
    public void Year2026_HasElevenHolidays()
    {
        var dates = PublicHolidays.NorthRhineWestphalia(2026).Select(h => h.Date.ToString("yyyy-MM-dd", null));
        Assert.Equal(
            ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-06-04", "2026-10-03", "2026-11-01", "2026-12-25", "2026-12-26"],
            dates);
    }

    [Fact]
    public void Year2027_MovableFeastsFollowEaster()
    {
        var byName = PublicHolidays.NorthRhineWestphalia(2027).ToDictionary(h => h.NameDe, h => h.Date);
        Assert.Equal(new LocalDate(2027, 3, 26), byName["Karfreitag"]);
        Assert.Equal(new LocalDate(2027, 3, 29), byName["Ostermontag"]);
        Assert.Equal(new LocalDate(2027, 5, 6), byName["Christi Himmelfahrt"]);
        Assert.Equal(new LocalDate(2027, 5, 17), byName["Pfingstmontag"]);
        Assert.Equal(new LocalDate(2027, 5, 27), byName["Fronleichnam"]);
    }

    [Fact]
    public void Year2024_AscensionFallsOnAThursday()
    {
        var ascension = PublicHolidays.NorthRhineWestphalia(2024).Single(h => h.NameEn == "Ascension Day");
        Assert.Equal(new LocalDate(2024, 5, 9), ascension.Date);
        Assert.Equal(IsoDayOfWeek.Thursday, ascension.Date.DayOfWeek);
    }

    [Fact]
    public void Year2017_HadReformationDayOnce()
    {
        Assert.Contains(PublicHolidays.NorthRhineWestphalia(2017), h => h.Date == new LocalDate(2017, 10, 31));
        Assert.DoesNotContain(PublicHolidays.NorthRhineWestphalia(2018), h => h.Date == new LocalDate(2018, 10, 31));
        Assert.Equal(12, PublicHolidays.NorthRhineWestphalia(2017).Count);
    }

    [Theory]
    [InlineData(1989)]
    [InlineData(3000)]
    public void YearsOutsideTheLaw_AreRefused(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicHolidays.NorthRhineWestphalia(year));
}
