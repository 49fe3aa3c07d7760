using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// The wait until the first offer as a range: a rough guess from the opening hours on a fresh
/// install, from the agent's own offers once it has made some, stored with the wish when it is
/// registered, and what wider choices would do. The clock stands on Monday 30 November 2026, 10:00.
/// </summary>
public sealed class WaitEstimateTests
{
    private static readonly Instant Wednesday9 = AtBerlin(2026, 12, 2, 9);

    private static Task<T> EstimatesAsync<T>(TestEngine app, Func<WaitEstimates, Task<T>> action) =>
        app.InScopeAsync(sp => action(sp.GetRequiredService<WaitEstimates>()));

    [Theory]
    [DatabaseData]
    public async Task FreshInstall_GivesARoughGuess_FromTheOpeningHoursAndTheQueue_StoredWithTheWish(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var places = WaitRange.RoughPlacesPerDay(kit.City, Definition(Request()));

        var first = await kit.WishAsync(Request(), "first@example.org");
        var second = (await kit.RegisterAsync(Request(), "second@example.org")).Wish!;

        // Weekdays 08:00–12:00, one counter, one 15-minute service: 16 × 5 places a week, 10% cancelled + 50% of a 0% same-day share.
        Assert.Equal(16 * 5 * 0.1 / 7, places, 6);
        var shownFirst = (await kit.WishOfAsync(first)).WaitShown;
        Assert.Equal(WaitRange.Around(1 / places, WaitRange.RoughGuess, WaitBasis.RoughGuess), shownFirst);
        Assert.Equal(WaitBasis.RoughGuess, shownFirst!.Basis);
        Assert.Equal(WaitRange.Around(2 / places, WaitRange.RoughGuess, WaitBasis.RoughGuess), second.WaitShown);
        Assert.Equal(second.WaitShown, (await kit.WishOfAsync(second.Id)).WaitShown);
        Assert.True(shownFirst.LowDays < shownFirst.HighDays);
    }

    [Theory]
    [DatabaseData]
    public async Task AfterTheAgentsOffers_TheRangeRestsOnThem_AndOnTheQueueAhead(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        var offered = await kit.WishAsync(Request(), "offered@example.org");
        app.Advance(Duration.FromMinutes(1));
        await kit.CancelAsync(booking);
        Assert.Equal(offered, (await kit.SingleOpenOfferAsync(offered)).WishId);

        // The history read at the first registration is kept for an hour of the engine's clock.
        app.Advance(Duration.FromHours(1));
        var next = (await kit.RegisterAsync(Request(), "next@example.org")).Wish!;
        var thursdays = (await kit.RegisterAsync(Request(days: [IsoDayOfWeek.Thursday]), "thursdays@example.org")).Wish!;

        // One matching offer in the one day the install has made offers; the offered wish is ahead: (1 + 1) / 1 a day.
        Assert.Equal(WaitRange.Around(2, WaitRange.DefaultHistory, WaitBasis.History), next.WaitShown);
        Assert.Equal(new WaitEstimate(0, 6, WaitBasis.History, 2), next.WaitShown);

        // No offer so far fell on a Thursday: a rough guess.
        Assert.Equal(WaitBasis.RoughGuess, thursdays.WaitShown!.Basis);

        // For a wish in the queue the range counts only the wishes registered before it.
        var offeredWish = await kit.WishOfAsync(offered);
        var place = await kit.WishesAsync(w => w.PlaceOfAsync(offeredWish, default));
        Assert.Equal(0, place.Ahead);
        Assert.Equal(WaitRange.Around(1, WaitRange.DefaultHistory, WaitBasis.History), place.Wait);
        Assert.Equal(1, place.ExpectedDays);
    }

    [Theory]
    [DatabaseData]
    public async Task Alternatives_NameTheTwoOfficesThatShortenTheWaitMost_AndTheWiderTimes(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var wish = new WishDefinition(
            "personalausweis", ["garath"], [IsoDayOfWeek.Tuesday], [new TimeWindow(new LocalTime(9, 0), new LocalTime(10, 0))], null, null);
        var city = app.Services.GetRequiredService<Domain.Cities.City>();
        var others = city.OfficesOffering(city.FindService("personalausweis")!).Select(o => o.Id).Where(id => id != "garath").ToList();

        var current = await EstimatesAsync(app, e => e.EstimateAsync(wish, default));
        var alternatives = await EstimatesAsync(app, e => e.AlternativesAsync(wish, current, default));
        var single = new Dictionary<string, double>();
        foreach (var office in others)
        {
            single[office] = (await EstimatesAsync(app, e => e.EstimateAsync(wish with { OfficeIds = ["garath", office] }, default)))!.PointDays;
        }

        Assert.Equal([WiderChoice.MoreOffices, WiderChoice.AllWeekdays, WiderChoice.WholeDay], alternatives.Select(a => a.Choice));
        var offices = alternatives[0].OfficeIds;
        Assert.Equal(2, offices.Count);
        Assert.Contains("hauptbahnhof", offices);
        Assert.All(offices, chosen => Assert.All(others.Except(offices), other => Assert.True(single[chosen] <= single[other], $"{chosen} before {other}")));
        Assert.All(alternatives, a => Assert.True(a.Estimate.PointDays < current!.PointDays && a.Estimate.HighDays <= current.HighDays));
        Assert.Equal(new TimeWindow(new LocalTime(8, 0), new LocalTime(18, 0)), alternatives[2].Window);

        // A wish that already asks for all weekdays and the whole day is only shown more offices.
        var wide = wish with { Weekdays = Weekdays, Windows = [alternatives[2].Window!] };
        Assert.Equal([WiderChoice.MoreOffices], (await EstimatesAsync(app, e => e.AlternativesAsync(wide, null, default))).Select(a => a.Choice));
    }

    private static WishDefinition Definition(WishRequest request) =>
        new(request.ServiceId!, request.OfficeIds!, request.Weekdays!, request.Windows!, request.Earliest, request.Latest);
}
