using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public sealed class WaitRangeTests
{
    private static readonly WishDefinition Mornings = new(
        "pass", ["mitte"], Weekdays, [new TimeWindow(new LocalTime(8, 0), new LocalTime(10, 0))], null, null);

    [Fact]
    public void Spread_IsTheQuantilesOfActualOverTheScale_WhenEveryWishWasOffered()
    {
        // Point 4 days (scale 2); waits 0.1, 0.2, … 10 days: ratios 0.05 … 5.
        var outcomes = Enumerable.Range(1, 100).Select(i => new WaitOutcome(4, i / 10.0, Offered: true));

        var spread = WaitRange.Spread(outcomes)!;

        Assert.Equal(100, spread.Outcomes);
        Assert.Equal(0.25, spread.Low, 3);
        Assert.Equal(4.5, spread.High, 3);
    }

    [Fact]
    public void Spread_CountsAWishStillWaiting_AsLongerThanItWaited()
    {
        var offered = Enumerable.Range(1, 60).Select(i => new WaitOutcome(1, i / 10.0, Offered: true)).ToList();
        var waitingLong = Enumerable.Range(1, 40).Select(_ => new WaitOutcome(1, 8, Offered: false));
        var waitingBriefly = Enumerable.Range(1, 40).Select(_ => new WaitOutcome(1, 0.05, Offered: false));

        var withLong = WaitRange.Spread(offered.Concat(waitingLong))!;
        var withBrief = WaitRange.Spread(offered.Concat(waitingBriefly))!;
        var alone = WaitRange.Spread(offered)!;

        // Forty wishes waiting 8 days leave the 90th percentile unseen: the longest wait is the least it is.
        Assert.Equal(8, withLong.High, 3);

        // Wishes that had waited only an hour say nearly nothing: the offered ones decide.
        Assert.Equal(alone.High, withBrief.High, 3);
        Assert.True(alone.High < withLong.High);
    }

    [Fact]
    public void Spread_IsUnknown_WithTooFewOffers()
    {
        var outcomes = Enumerable.Range(1, WaitRange.MinimumOutcomes - 1).Select(i => new WaitOutcome(2, i, Offered: true))
            .Concat(Enumerable.Range(1, 100).Select(_ => new WaitOutcome(2, 1, Offered: false)));

        Assert.Null(WaitRange.Spread(outcomes));
    }

    [Fact]
    public void Around_History_ScalesTheSpreadByTheSquareRootOfThePoint()
    {
        var estimate = WaitRange.Around(16, new WaitSpread(0.3, 2.1, 50), WaitBasis.History);

        Assert.Equal(new WaitEstimate(1, 9, WaitBasis.History, 16), estimate);
    }

    [Fact]
    public void Around_RoughGuess_ScalesTheSpreadByThePoint_AndTheRangeIsNeverEmpty()
    {
        Assert.Equal(new WaitEstimate(1, 50, WaitBasis.RoughGuess, 10), WaitRange.Around(10, WaitRange.RoughGuess, WaitBasis.RoughGuess));
        Assert.Equal(new WaitEstimate(0, 1, WaitBasis.History, 0.01), WaitRange.Around(0.01, new WaitSpread(0, 0, 30), WaitBasis.History));
    }

    [Fact]
    public void Matching_CountsOffersAtTheOfficesOnTheWeekdaysInTheWindows()
    {
        OfferShape[] offers =
        [
            new("mitte", IsoDayOfWeek.Monday, new LocalTime(8, 0), new LocalTime(8, 30)),
            new("mitte", IsoDayOfWeek.Friday, new LocalTime(9, 30), new LocalTime(10, 0)),
            new("mitte", IsoDayOfWeek.Friday, new LocalTime(9, 45), new LocalTime(10, 15)),
            new("mitte", IsoDayOfWeek.Saturday, new LocalTime(8, 0), new LocalTime(8, 30)),
            new("nord", IsoDayOfWeek.Monday, new LocalTime(8, 0), new LocalTime(8, 30)),
        ];

        Assert.Equal(2, WaitRange.Matching(offers, Mornings));
        Assert.Equal(3, WaitRange.Matching(offers, Mornings with { OfficeIds = ["mitte", "nord"] }));
    }

    [Fact]
    public void RoughPlacesPerDay_AreTheWindowsAppointmentsTimesTheAgentsShare_PerServiceOfTheOffice()
    {
        // Weekdays 08:00–12:30 with three counters; a 30-minute service among two at the office.
        var office = Morning();
        var city = new City(
            "Teststadt", Quarter, Quarter, [office],
            [new Service("pass", "Pass", "Passport", Duration.FromMinutes(30), ["mitte"]), new Service("melde", "Melde", "Registration", Quarter, ["mitte"])]);

        var places = WaitRange.RoughPlacesPerDay(city, Mornings);

        // 08:00–10:00: 4 appointments × 3 counters × 5 days, shared by 2 services, times 10% + 50% × 20%, over 7 days.
        Assert.Equal(4 * 3 * 5 / 2.0 * 0.2 / 7, places, 6);
        Assert.Equal(0, WaitRange.RoughPlacesPerDay(city, Mornings with { Weekdays = [IsoDayOfWeek.Sunday] }));
        Assert.Equal(2 * places, WaitRange.RoughPlacesPerDay(city, Mornings with
        {
            Windows = [new TimeWindow(new LocalTime(8, 0), new LocalTime(10, 0)), new TimeWindow(new LocalTime(9, 0), new LocalTime(12, 0))],
        }), 6);
    }
}
