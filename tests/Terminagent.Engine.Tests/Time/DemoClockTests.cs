using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Terminagent.Engine.Cities;

namespace Terminagent.Engine.Tests.Time;

/// <summary>
/// <c>Clock:StartAt</c> with the demo city (Monday to Friday, closed on the holidays its file lists),
/// read against a fake "now", never today's date.
/// </summary>
public sealed class DemoClockTests
{
    [Fact]
    public void WithoutStartAt_TheSystemClockIsUsed() =>
        Assert.Same(TimeProvider.System, DemoStart.ClockFrom(Settings(null)));

    [Fact]
    public void StartAt_MovesTheClockThere_AndItRunsOn()
    {
        var startAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1));

        var clock = DemoStart.ClockFrom(Settings("2026-12-01T09:30:00+01:00"));
        var first = clock.GetUtcNow();
        var second = clock.GetUtcNow();

        Assert.InRange(first, startAt, startAt.AddHours(1));
        Assert.True(second >= first);
    }

    [Fact]
    public void AbsoluteStartAt_IsTheSameWhateverToday()
    {
        var system = new FakeTimeProvider(new DateTimeOffset(2031, 7, 15, 12, 0, 0, TimeSpan.Zero));

        var clock = DemoStart.ClockFrom(Settings("2026-12-01T09:30:00+01:00"), system);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
        system.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 35, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Theory]
    // Wednesday morning: Thursday.
    [InlineData("2026-12-02T07:00:00Z", "2026-12-03T08:30:00Z")]
    // Friday afternoon: the weekend is closed, Monday.
    [InlineData("2026-12-04T15:00:00Z", "2026-12-07T08:30:00Z")]
    // Friday 00:30 in Berlin is still Thursday in UTC: today is Friday, so Monday.
    [InlineData("2026-12-03T23:30:00Z", "2026-12-07T08:30:00Z")]
    // Thursday 23:30 in Berlin: Friday.
    [InlineData("2026-12-03T22:30:00Z", "2026-12-04T08:30:00Z")]
    // The day before the closed days 24 to 26 December: Monday the 28th.
    [InlineData("2026-12-23T10:00:00Z", "2026-12-28T08:30:00Z")]
    // Before Good Friday, the change to summer time (Sunday 28 March) and Easter Monday: Tuesday, at 09:30 CEST.
    [InlineData("2027-03-25T10:00:00Z", "2027-03-30T07:30:00Z")]
    // Friday in summer time, Monday after the change back (Sunday 25 October): 09:30 CET.
    [InlineData("2026-10-23T10:00:00Z", "2026-10-26T08:30:00Z")]
    public void NextOpeningDay_IsTheNextDayAnOfficeOpens_AtThatTimeInBerlin(string now, string expected)
    {
        var system = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var clock = DemoStart.ClockFrom(Settings("next-opening-day 09:30"), system);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow());
        system.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public void NextOpeningDay_ReadsTheCityFile_NotOnlyTheWeekdays()
    {
        var system = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
        var closedThursday = Enumerable.Range(0, 11)
            .Select(i => new KeyValuePair<string, string?>($"City:Offices:{i}:ClosedDays:0", "2026-12-03"));

        var clock = DemoStart.ClockFrom(Settings("next-opening-day 9:30", closedThursday), system);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Theory]
    [InlineData("Dienstag früh")]
    [InlineData("next-opening-day")]
    [InlineData("next-opening-day 25:00")]
    [InlineData("next-opening-day at half past nine")]
    public void UnreadableStartAt_StopsTheAppWithTheKey(string startAt)
    {
        var error = Assert.Throws<OptionsValidationException>(() => DemoStart.ClockFrom(Settings(startAt)));

        Assert.StartsWith("Clock:StartAt: '" + startAt + "'", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? startAt, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(CityCatalog.DemoCityFile)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:StartAt"] = startAt })
            .AddInMemoryCollection(overrides ?? [])
            .Build();
}
