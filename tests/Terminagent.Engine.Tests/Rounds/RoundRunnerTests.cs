using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Rounds;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Rounds;

/// <summary>
/// The workers' rounds as one list (<see cref="EngineRounds"/>) and the runner that runs those due
/// (<see cref="RoundRunner"/>) on the fake clock: what a host's timers would have done by now.
/// </summary>
public sealed class RoundRunnerTests
{
    private static readonly string[] KindsOfWork =
        ["city-refresh", "schedule", "hold-expiry", "agent", "no-shows", "retention", "abuse-cleanup", "outbox"];

    [Fact]
    public async Task TheList_HoldsEachKindOfWorkOnce_WithTheOutboxLast()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite, settings: new() { ["Mail:PollSeconds"] = "7" });
        var rounds = app.Services.GetRequiredService<EngineRounds>().All;

        Assert.Equal(KindsOfWork, rounds.Select(r => r.Name));
        Assert.All(rounds, r => Assert.True(r.Interval > Duration.Zero, r.Name));
        Assert.Equal(Duration.FromSeconds(7), rounds[^1].Interval);
        Assert.Same(rounds, app.Services.GetRequiredService<RoundRunner>().Rounds);
    }

    [Fact]
    public async Task RunDue_RunsEveryRoundAtFirst_ThenEachWhenItsIntervalHasPassed()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var rounds = app.Services.GetRequiredService<EngineRounds>().All;

        Assert.Equal(rounds.Count, await app.RunDueRoundsAsync());
        Assert.Equal(0, await app.RunDueRoundsAsync());

        // Intervals: city-refresh 10 s, schedule 10 min, hold-expiry 15 s, agent 30 s, no-shows 1 min,
        // retention 1 h, abuse-cleanup 5 min, outbox 5 s. Each counts from its own last run.
        (int Seconds, int Due)[] steps = [(4, 0), (1, 1), (5, 2), (5, 2), (15, 4), (30, 5), (240, 6), (300, 7), (3000, 8)];
        foreach (var (seconds, due) in steps)
        {
            app.Advance(Duration.FromSeconds(seconds));
            Assert.Equal(due, await app.RunDueRoundsAsync());
        }
    }

    /// <summary>
    /// The runner keeps the list's order: a round of all of them ends with the outbox, so what the
    /// other rounds wrote (here the lapse of an offer and the offer to the next wish) is sent at once.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task ARoundOfAll_SendsWhatTheOtherRoundsWrote(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var (offer, first, second) = await OfferedAsync(kit);
        await app.RunDueRoundsAsync();
        var before = app.Mails().Count;
        app.Advance(offer.Deadline - app.Now);

        await app.RunDueRoundsAsync();

        Assert.Equal(WishStatus.Lapsed, (await kit.WishOfAsync(first)).Status);
        var sent = app.Mails().Skip(before).ToList();
        Assert.Contains(sent, m => m.To.Mailboxes.Single().Address == "first@example.org"
            && m.Subject == "Terminangebot verfallen – Ihr Terminwunsch ist beendet");
        Assert.Contains(sent, m => m.To.Mailboxes.Single().Address == "second@example.org"
            && (m.Subject ?? "").StartsWith("Terminangebot:", StringComparison.Ordinal));
        Assert.Equal(offer.Start, (await kit.SingleOpenOfferAsync(second)).Start);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt == null));
    }

    [Theory]
    [DatabaseData]
    public async Task HoldExpiry_EndsAHoldThatRanOut_AndFreesItsPlaces(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        await app.RunDueRoundsAsync();
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Max Muster", "max@example.org", null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());

        app.Advance(Duration.FromMinutes(14));
        await app.RunDueRoundsAsync();
        Assert.Equal(BookingStatus.Held, (await Scenario.BookingAsync(app, held.Booking!.Id)).Status);

        app.Advance(Duration.FromMinutes(1));
        await app.RunDueRoundsAsync();

        Assert.Equal(BookingStatus.Expired, (await Scenario.BookingAsync(app, held.Booking.Id)).Status);
        Assert.All(await Scenario.SlotsOfAsync(app, time.SlotIds), s => Assert.Equal(0, s.Taken));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task Agent_LapsesAnOfferPastItsDeadline_AndPassesThePlaceOn(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var (offer, first, second) = await OfferedAsync(kit);
        await app.RunDueRoundsAsync();

        app.Advance(offer.Deadline - app.Now - Duration.FromSeconds(30));
        await app.RunDueRoundsAsync();
        Assert.Equal(WishStatus.Offered, (await kit.WishOfAsync(first)).Status);

        app.Advance(Duration.FromSeconds(30));
        await app.RunDueRoundsAsync();

        Assert.Equal(WishStatus.Lapsed, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(OfferStatus.Lapsed, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal(offer.Start, (await kit.SingleOpenOfferAsync(second)).Start);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>
    /// Under the rule that forgives a short deadline, the first lapse keeps the wish in line at its
    /// old place; the place still moves on to the next wish, not back to the one that let it lapse.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task Agent_UnderTheKeepingRule_AShortDeadlinesLapse_KeepsTheWishWaiting(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(
            provider, now: Instant.FromUtc(2026, 12, 8, 8, 0), cityFile: TestEngine.City(OneOffice), settings: new() { ["City:Agent:DeadlineRule"] = "ShortensAndKeepsWaiting" });
        var kit = new AgentKit(app);
        var (offer, first, second) = await OfferedAsync(kit);
        Assert.True(offer.Deadline - offer.OfferedAt < Duration.FromHours(48), $"the deadline {offer.Deadline} is not short");
        await app.RunDueRoundsAsync();

        app.Advance(offer.Deadline - app.Now);
        await app.RunDueRoundsAsync();

        Assert.Equal(OfferStatus.Lapsed, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(offer.Start, (await kit.SingleOpenOfferAsync(second)).Start);
        Assert.Contains(app.Mails(), m => m.To.Mailboxes.Single().Address == "first@example.org"
            && m.Subject == "Terminangebot verfallen – Ihr Terminwunsch wartet weiter");
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>
    /// Under the fixed rule that forgives, an offer the cutoff cut short (the slot is a day away)
    /// keeps its wish waiting when it lapses the first time.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task Agent_UnderTheForgivingFixedRule_ALapseTheCutoffCutShort_KeepsTheWishWaiting(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(
            provider, now: Instant.FromUtc(2026, 12, 10, 7, 0), cityFile: TestEngine.City(OneOffice), settings: new() { ["City:Agent:DeadlineRule"] = "FixedAndKeepsWaiting" });
        var kit = new AgentKit(app);
        var (offer, first, second) = await OfferedAsync(kit);
        Assert.Equal(offer.Start - Duration.FromHours(2), offer.Deadline);
        Assert.True(offer.Deadline - offer.OfferedAt < Duration.FromHours(48), $"the deadline {offer.Deadline} is not cut short");
        await app.RunDueRoundsAsync();

        app.Advance(offer.Deadline - app.Now);
        await app.RunDueRoundsAsync();

        Assert.Equal(OfferStatus.Lapsed, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(first)).Status);

        // At the cutoff no one has time left to answer for this place, so it stays public.
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        Assert.DoesNotContain(await kit.AllOffersAsync(), o => o.Status == OfferStatus.Open);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>Under the same rule an offer with the full 48 hours ends its wish when it lapses, as under the fixed rule.</summary>
    [Theory]
    [DatabaseData]
    public async Task Agent_UnderTheForgivingFixedRule_ALapseOfTheFullTime_EndsTheWish(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(
            provider, cityFile: TestEngine.City(OneOffice), settings: new() { ["City:Agent:DeadlineRule"] = "FixedAndKeepsWaiting" });
        var kit = new AgentKit(app);
        var (offer, first, _) = await OfferedAsync(kit);
        Assert.Equal(Duration.FromHours(48), offer.Deadline - offer.OfferedAt);
        await app.RunDueRoundsAsync();

        app.Advance(offer.Deadline - app.Now);
        await app.RunDueRoundsAsync();

        Assert.Equal(WishStatus.Lapsed, (await kit.WishOfAsync(first)).Status);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task Outbox_SendsWhatIsDue_ByTheFolderTransport_Once(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        await app.RunDueRoundsAsync();
        var time = await Scenario.FirstFreeTimeAsync(app);
        await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Muster", "erika@example.org", null, "de", null, default));
        Assert.Empty(app.Mails());

        app.Advance(Duration.FromSeconds(5));
        await app.RunDueRoundsAsync();

        var mail = Assert.Single(app.Mails());
        Assert.Equal("erika@example.org", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("Bitte bestätigen", mail.Subject, StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync();
            Assert.Equal((app.Now, mail.MessageId), (row.SentAt!.Value, row.MessageId));
        }

        app.Advance(Duration.FromMinutes(1));
        await app.RunDueRoundsAsync();
        Assert.Single(app.Mails());
    }

    [Theory]
    [DatabaseData]
    public async Task NoShows_AreMarkedByTheRounds(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        await app.RunDueRoundsAsync();
        var (booking, _) = await CounterKit.BookTodayAsync(app);

        app.Advance(booking.Start - app.Now + CounterKit.Grace);
        await app.RunDueRoundsAsync();

        Assert.Equal(BookingStatus.NoShow, (await Scenario.BookingAsync(app, booking.Id)).Status);
    }

    /// <summary>
    /// The schedule round plans when the date changed (a new day comes within the horizon) and
    /// skips while nothing changed: a slot missing from the plan returns only with the new day.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task Schedule_PlansTheNewDay_WhenTheDateChanges_AndSkipsWhileNothingChanged(DatabaseProvider provider)
    {
        const string office = "hauptbahnhof";
        await using var app = await TestEngine.StartAsync(provider);
        await app.RunDueRoundsAsync();
        var lastDay = await LastPlannedDayAsync(app, office);
        Instant missing;
        await using (var db = app.NewDb())
        {
            missing = await db.Slots.Where(s => s.OfficeId == office && s.Date == lastDay).MinAsync(s => s.Start);
            await db.Slots.Where(s => s.OfficeId == office && s.Start == missing).ExecuteDeleteAsync();
        }

        app.Advance(Duration.FromMinutes(10));
        await app.RunDueRoundsAsync();
        Assert.False(await SlotExistsAsync(app, office, missing));
        Assert.Equal(lastDay, await LastPlannedDayAsync(app, office));

        app.Advance(Duration.FromDays(1));
        await app.RunDueRoundsAsync();

        Assert.Equal(lastDay.PlusDays(1), await LastPlannedDayAsync(app, office));
        Assert.True(await SlotExistsAsync(app, office, missing));
    }

    [Fact]
    public async Task Retention_ErasesWhatEndedLongEnoughAgo()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var booking = await Scenario.BookAndConfirmAsync(app, Scenario.Office);
        Assert.True((await app.BookingsAsync(b => b.CancelAsync(booking.Token, default))).Succeeded);
        await app.RunDueRoundsAsync();
        Assert.Equal("Erika Mustermann", (await Scenario.BookingAsync(app, booking.BookingId)).Name);

        app.Advance(Duration.FromDays(31));
        await app.RunDueRoundsAsync();

        var kept = await Scenario.BookingAsync(app, booking.BookingId);
        Assert.Equal(("", "", BookingStatus.Cancelled), (kept.Name, kept.Email, kept.Status));
    }

    [Fact]
    public async Task CityRefresh_TakesAVersionAnotherInstanceSaved()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        await app.RunDueRoundsAsync();
        var catalog = app.Services.GetRequiredService<CityCatalog>();
        var before = catalog.Settings;
        await using (var db = app.NewDb())
        {
            CityCatalog.NextVersion(db, before.Version, before.Options, "another instance", null, app.Now);
            await db.SaveChangesAsync();
        }

        app.Advance(Duration.FromSeconds(9));
        await app.RunDueRoundsAsync();
        Assert.Equal(before.Version, catalog.Settings.Version);

        app.Advance(Duration.FromSeconds(1));
        await app.RunDueRoundsAsync();

        Assert.Equal(before.Version + 1, catalog.Settings.Version);
    }

    /// <summary>
    /// One booking, two wishes after it, the booking cancelled: the first wish holds an offer. The
    /// wishes end before the days the coming releases open, so only the freed place is offered.
    /// </summary>
    private static async Task<(Offer Offer, Guid First, Guid Second)> OfferedAsync(AgentKit kit)
    {
        var friday = new LocalDate(2026, 12, 11);
        var booking = await kit.BookAsync(AtBerlin(2026, 12, 11, 9), "booker@example.org");
        kit.App.Advance(Duration.FromMinutes(1));
        var first = await kit.WishAsync(Request(latest: friday), "first@example.org");
        kit.App.Advance(Duration.FromMinutes(1));
        var second = await kit.WishAsync(Request(latest: friday), "second@example.org");
        kit.App.Advance(Duration.FromMinutes(1));
        Assert.True((await kit.CancelAsync(booking)).Succeeded);
        return (await kit.SingleOpenOfferAsync(first), first, second);
    }

    private static async Task<LocalDate> LastPlannedDayAsync(ITestHost app, string office)
    {
        await using var db = app.NewDb();
        return await db.Slots.Where(s => s.OfficeId == office).MaxAsync(s => s.Date);
    }

    private static async Task<bool> SlotExistsAsync(ITestHost app, string office, Instant start)
    {
        await using var db = app.NewDb();
        return await db.Slots.AnyAsync(s => s.OfficeId == office && s.Start == start);
    }
}
