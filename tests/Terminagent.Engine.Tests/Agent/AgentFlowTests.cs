using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// A freed place reaches the oldest matching wish; offers are accepted, declined or lapse, and each
/// ending passes the place on. One office with one counter, so every place is easy to follow;
/// the clock stands on Monday 30 November 2026, 10:00.
/// </summary>
public sealed class AgentFlowTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    /// <summary>Wednesday 2 December 2026, 09:00 in Berlin: 47 hours ahead, so its offer's deadline is the 2-hour cutoff.</summary>
    private static readonly Instant Wednesday9 = AtBerlin(2026, 12, 2, 9);

    /// <summary>Friday 11 December 2026, 09:00: far enough ahead for a deadline 48 hours after the offer.</summary>
    private static readonly Instant Friday9 = AtBerlin(2026, 12, 11, 9);

    private static async Task<(TestEngine App, AgentKit Kit)> StartAsync(DatabaseProvider provider)
    {
        var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        return (app, new AgentKit(app));
    }

    [Theory]
    [DatabaseData]
    public async Task CancelledPlace_IsOfferedToTheOldestConfirmedMatchingWish(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var unconfirmed = await kit.RegisterAsync(Request(), "unconfirmed@example.org");
        app.Advance(Minute);
        var thursdays = await kit.WishAsync(Request(days: [IsoDayOfWeek.Thursday]), "thursdays@example.org");
        app.Advance(Minute);
        var lateMornings = await kit.WishAsync(Request(fromHour: 10, toHour: 12), "late@example.org");
        app.Advance(Minute);
        var oldest = await kit.WishAsync(Request(days: [IsoDayOfWeek.Wednesday]), "oldest@example.org");
        app.Advance(Minute);
        var younger = await kit.WishAsync(Request(), "younger@example.org");
        app.Advance(Minute);

        var cancelled = await kit.CancelAsync(booking);

        Assert.True(cancelled.Succeeded, cancelled.Failure?.ToString());
        var offer = Assert.Single(await kit.OpenOffersAsync());
        Assert.Equal(oldest, offer.WishId);
        Assert.Equal(Wednesday9, offer.Start);
        Assert.Equal(Wednesday9 + Duration.FromMinutes(15), offer.End);
        Assert.Equal((Office, Service, OfferSource.FreedPlace), (offer.OfficeId, offer.ServiceId, offer.Source));
        Assert.Equal(app.Now, offer.OfferedAt);
        Assert.Equal(Wednesday9 - Duration.FromHours(2), offer.Deadline);
        Assert.Equal(1, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.False(await kit.IsPubliclyFreeAsync(Wednesday9));
        Assert.Equal(WishStatus.Offered, (await kit.WishOfAsync(oldest)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(younger)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(thursdays)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(lateMornings)).Status);
        Assert.Equal(WishStatus.Unconfirmed, (await kit.WishOfAsync(unconfirmed.Wish!.Id)).Status);
        Assert.Contains(await kit.SubjectsToAsync("oldest@example.org"), s => s.StartsWith("Terminangebot:", StringComparison.Ordinal));
        Assert.DoesNotContain(await kit.SubjectsToAsync("younger@example.org"), s => s.StartsWith("Terminangebot", StringComparison.Ordinal));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task UnconfirmedWish_GetsNothing_AndThePlaceIsPublicAtOnce(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var wish = await kit.RegisterAsync(Request(), "unconfirmed@example.org");
        app.Advance(Minute);

        await kit.CancelAsync(booking);

        Assert.Empty(await kit.AllOffersAsync());
        Assert.Equal(0, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.True(await kit.IsPubliclyFreeAsync(Wednesday9));
        Assert.Equal(WishStatus.Unconfirmed, (await kit.WishOfAsync(wish.Wish!.Id)).Status);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task DeclineKeepingTheWish_KeepsItsPlace_AndThePlaceGoesToTheNextWish(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        var other = await kit.BookAsync(Wednesday9 + Duration.FromMinutes(15), "other@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        var registered = (await kit.WishOfAsync(first)).RegisteredAt;
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var declined = await kit.SingleOpenOfferAsync(first);
        app.Advance(Minute);

        var result = await kit.DeclineAsync(declined.Id, keepWish: true);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var wish = await kit.WishOfAsync(first);
        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Equal(registered, wish.RegisteredAt);
        Assert.All(wish.Targets, t => Assert.True(t.IsWaiting));
        Assert.Null(wish.EndedAt);
        var passedOn = await kit.SingleOpenOfferAsync(second);
        Assert.Equal(Wednesday9, passedOn.Start);
        Assert.Equal(app.Now, passedOn.OfferedAt);
        Assert.Equal(OfferStatus.Declined, (await kit.AllOffersAsync()).Single(o => o.Id == declined.Id).Status);
        Assert.Equal(1, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.Equal(0, (await kit.WishesAsync(w => w.PlaceOfAsync(wish, default))).Ahead);
        await AgentInvariants.AssertAllAsync(app);

        var again = await kit.DeclineAsync(declined.Id, keepWish: true);
        Assert.True(again.AlreadyDone);
        Assert.Single(await kit.OpenOffersAsync());

        // Its place is still first: the next freed place is the decliner's again.
        app.Advance(Minute);
        await kit.CancelAsync(other);
        var next = await kit.SingleOpenOfferAsync(first);
        Assert.Equal(Wednesday9 + Duration.FromMinutes(15), next.Start);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task DeclineKeepingTheWish_WithNoOneElseInLine_MakesThePlacePublic(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var only = await kit.WishAsync(Request(), "only@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(only);
        Assert.False(await kit.IsPubliclyFreeAsync(Wednesday9));

        await kit.DeclineAsync(offer.Id, keepWish: true);

        Assert.Empty(await kit.OpenOffersAsync());
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(only)).Status);
        Assert.Equal(0, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.True(await kit.IsPubliclyFreeAsync(Wednesday9));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task DeclineWithdrawing_EndsTheWish_AndPassesThePlaceOn(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(first);
        app.Advance(Minute);

        var result = await kit.DeclineAsync(offer.Id, keepWish: false);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var wish = await kit.WishOfAsync(first);
        Assert.Equal(WishStatus.Withdrawn, wish.Status);
        Assert.Equal(app.Now, wish.EndedAt);
        Assert.All(wish.Targets, t => Assert.False(t.IsWaiting));
        Assert.Equal(Wednesday9, (await kit.SingleOpenOfferAsync(second)).Start);
        Assert.Equal(1, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.Equal(AgentFailure.OfferClosed, (await kit.AcceptAsync(offer.Id)).Failure);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task UnansweredOffer_LapsesAtItsDeadline_EndsTheWishWithAnEmail_AndPassesThePlaceOn(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Friday9, "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(first);
        Assert.Equal(offer.OfferedAt + Duration.FromHours(48), offer.Deadline);

        app.Advance(offer.Deadline - app.Now - Duration.FromSeconds(1));
        Assert.Equal(0, await kit.LapseDueOffersAsync());
        Assert.Equal(WishStatus.Offered, (await kit.WishOfAsync(first)).Status);

        app.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, await kit.LapseDueOffersAsync());

        var wish = await kit.WishOfAsync(first);
        Assert.Equal(WishStatus.Lapsed, wish.Status);
        Assert.Equal(app.Now, wish.EndedAt);
        Assert.Equal(OfferStatus.Lapsed, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal("Terminangebot verfallen – Ihr Terminwunsch ist beendet", (await kit.SubjectsToAsync("first@example.org"))[^1]);
        var passedOn = await kit.SingleOpenOfferAsync(second);
        Assert.Equal((Friday9, app.Now, app.Now + Duration.FromHours(48)), (passedOn.Start, passedOn.OfferedAt, passedOn.Deadline));
        Assert.Equal(1, (await kit.SlotAsync(Friday9)).Taken);
        Assert.Equal(0, await kit.LapseDueOffersAsync());
        Assert.Equal(AgentFailure.OfferClosed, (await kit.AcceptAsync(offer.Id)).Failure);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task OfferLapsingTooCloseToTheStart_LeavesThePlacePublic(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(first);
        app.Advance(offer.Deadline - app.Now);

        Assert.Equal(1, await kit.LapseDueOffersAsync());

        Assert.Equal(WishStatus.Lapsed, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        Assert.Empty(await kit.OpenOffersAsync());
        Assert.Equal(0, (await kit.SlotAsync(Wednesday9)).Taken);
        Assert.True(await kit.IsPubliclyFreeAsync(Wednesday9));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task Accept_MakesAConfirmedBookingForTheWish_WithoutTouchingTaken(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Wednesday9, "booker@example.org");
        app.Advance(Minute);
        var registered = await kit.WishesAsync(w => w.RegisterAsync(Request(), "Frieda Wunsch", "Frieda@Example.org", "+49 211 123456", "en", default));
        var first = (await kit.ConfirmWishAsync(registered.Wish!.Id)).Wish!.Id;
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(first);
        app.Advance(Duration.FromHours(3));

        var accepted = await kit.AcceptAsync(offer.Id);

        Assert.True(accepted.Succeeded, accepted.Failure?.ToString());
        Assert.NotNull(accepted.ManageSecret);
        var made = await Scenario.BookingAsync(app, accepted.Offer!.BookingId!.Value);
        Assert.Equal(BookingStatus.Confirmed, made.Status);
        Assert.Equal(("Frieda Wunsch", "Frieda@Example.org", "+49 211 123456", "en"), (made.Name, made.Email, made.Phone, made.Language));
        Assert.Equal((Office, Service, Wednesday9, Wednesday9 + Duration.FromMinutes(15)), (made.OfficeId, made.ServiceId, made.Start, made.End));
        Assert.Equal(app.Now, made.ConfirmedAt);
        Assert.Equal((await kit.SlotAsync(Wednesday9)).Id, Assert.Single(made.Slots).SlotId);
        Assert.Equal(1, (await kit.SlotAsync(Wednesday9)).Taken);
        var wish = await kit.WishOfAsync(first);
        Assert.Equal(WishStatus.Fulfilled, wish.Status);
        Assert.Equal(app.Now, wish.EndedAt);
        Assert.Equal(OfferStatus.Accepted, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        Assert.Contains(await kit.SubjectsToAsync("Frieda@Example.org"), s => s.StartsWith("Appointment confirmed", StringComparison.Ordinal) || s.StartsWith("Termin bestätigt", StringComparison.Ordinal));
        await AgentInvariants.AssertAllAsync(app);

        var twice = await kit.AcceptAsync(offer.Id);
        Assert.True(twice.AlreadyDone);
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Confirmed && b.Start == Wednesday9));
        }

        // The booking the offer became is an ordinary booking: cancelled, its place goes on down the line.
        Assert.True((await kit.CancelAsync(made.Id)).Succeeded);
        Assert.Equal(Wednesday9, (await kit.SingleOpenOfferAsync(second)).Start);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AcceptOrDeclineAfterTheDeadline_IsExpired_AndChangesNothing(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(Friday9, "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(first);
        app.Advance(offer.Deadline - app.Now);

        Assert.Equal(AgentFailure.OfferExpired, (await kit.AcceptAsync(offer.Id)).Failure);
        Assert.Equal(AgentFailure.OfferExpired, (await kit.DeclineAsync(offer.Id, keepWish: true)).Failure);

        Assert.Equal(OfferStatus.Open, (await kit.SingleOpenOfferAsync(first)).Status);
        Assert.Equal(WishStatus.Offered, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Confirmed));
        }

        Assert.Equal(1, (await kit.SlotAsync(Friday9)).Taken);
        await AgentInvariants.AssertAllAsync(app);

        Assert.Equal(1, await kit.LapseDueOffersAsync());
        Assert.Equal(Friday9, (await kit.SingleOpenOfferAsync(second)).Start);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task SlotLeavingLessThanAnHourToAnswer_IsNotOffered_AndStaysPublic(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var tuesday9 = AtBerlin(2026, 12, 1, 9);
        var nine = await kit.BookAsync(tuesday9, "nine@example.org");
        var quarterPast = await kit.BookAsync(tuesday9 + Duration.FromMinutes(15), "quarter@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(AtBerlin(2026, 12, 1, 6, 15) - app.Now);

        // 09:00 has its cutoff at 07:00: 45 minutes to answer is too little.
        await kit.CancelAsync(nine);
        Assert.Empty(await kit.OpenOffersAsync());
        Assert.Equal(0, (await kit.SlotAsync(tuesday9)).Taken);
        Assert.True(await kit.IsPubliclyFreeAsync(tuesday9));
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(first)).Status);

        // 09:15 has its cutoff at 07:15: exactly one hour is enough.
        await kit.CancelAsync(quarterPast);
        var offer = await kit.SingleOpenOfferAsync(first);
        Assert.Equal(tuesday9 + Duration.FromMinutes(15), offer.Start);
        Assert.Equal(app.Now + Duration.FromHours(1), offer.Deadline);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task SecondRegistration_OfTheSamePersonAndService_UpdatesTheFirst_AndKeepsItsPlace(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var booking = await kit.BookAsync(AtBerlin(2026, 12, 3, 9), "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(days: [IsoDayOfWeek.Monday]), "erika@example.org");
        var registered = (await kit.WishOfAsync(first)).RegisteredAt;
        app.Advance(Minute);
        var other = await kit.WishAsync(Request(), "other@example.org");
        app.Advance(Minute);

        var again = await kit.RegisterAsync(Request(days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday]), " Erika@EXAMPLE.org ");
        Assert.True(again.UpdatesExisting);
        Assert.Equal(first, again.Wish!.UpdatesWishId);
        Assert.Single((await kit.WishOfAsync(first)).Targets);

        var confirmed = await kit.ConfirmWishAsync(again.Wish.Id);

        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        Assert.True(confirmed.UpdatesExisting);
        Assert.Equal(first, confirmed.Wish!.Id);
        var wish = await kit.WishOfAsync(first);
        Assert.Equal(registered, wish.RegisteredAt);
        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday], wish.Definition.Weekdays);
        Assert.All(wish.Targets, t => Assert.Equal((registered, true), (t.RegisteredAt, t.IsWaiting)));
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.Wishes.CountAsync(w => w.NormalisedEmail == "erika@example.org"));
        }

        // The Thursday place goes to Erika, registered before the other wish.
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        Assert.Equal(first, Assert.Single(await kit.OpenOffersAsync()).WishId);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(other)).Status);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AdvanceRelease_OffersHalfOfTheNewDayToTheOldestWishes_FiveMinutesEarly_AndOnlyOnce(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;

        // Every day released so far has had its release: the agent takes no share of days already public.
        Assert.Equal(0, await kit.ProcessDueReleasesAsync());
        var wishes = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            app.Advance(Minute);
            wishes.Add(await kit.WishAsync(Request(), $"wish{i}@example.org"));
        }

        var day = new LocalDate(2026, 12, 22);
        app.Advance(AtBerlin(2026, 12, 1, 8, 54) - app.Now);
        Assert.Equal(0, await kit.ProcessDueReleasesAsync());
        Assert.Empty(await kit.AllOffersAsync());

        app.Advance(Minute);
        var offered = await kit.ProcessDueReleasesAsync();

        // 16 places (08:00–12:00, one counter): half of them go to the 8 oldest wishes.
        Assert.Equal(8, offered);
        var offers = await kit.OpenOffersAsync();
        Assert.Equal(wishes.Take(8).Order(), offers.Select(o => o.WishId).Order());
        Assert.All(offers, o =>
        {
            Assert.Equal(day, o.Start.InZone(Berlin).Date);
            Assert.Equal(OfferSource.AdvanceRelease, o.Source);
            Assert.Equal(app.Now + Duration.FromHours(48), o.Deadline);
        });
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => AtBerlin(2026, 12, 22, 8) + Duration.FromMinutes(15 * i)),
            offers.Select(o => o.Start).Order());
        foreach (var waiting in wishes.Skip(8))
        {
            Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(waiting)).Status);
        }

        Assert.Empty(await kit.FreeTimesOnAsync(day));
        await AgentInvariants.AssertAllAsync(app);

        Assert.Equal(0, await kit.ProcessDueReleasesAsync());
        await using (var second = await TestEngine.StartSecondInstanceAsync(app))
        {
            Assert.Equal(0, await new AgentKit(second).ProcessDueReleasesAsync());
        }

        await using (var db = app.NewDb())
        {
            var run = await db.ReleaseRuns.AsNoTracking().SingleAsync(r => r.Date == day && r.Kind == ReleaseKind.Advance);
            Assert.Equal((16, 8), (run.PlacesReleased, run.PlacesOffered));
        }

        Assert.Equal(8, (await kit.OpenOffersAsync()).Count);

        // At 09:00 the rest is public.
        app.Advance(Duration.FromMinutes(5));
        var free = await kit.FreeTimesOnAsync(day);
        Assert.Equal(8, free.Count);
        Assert.All(free, t => Assert.True(t.Start >= AtBerlin(2026, 12, 22, 10)));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AdvanceRelease_OnTwoInstancesAtOnce_TakesItsShareOnce(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        Assert.Equal(0, await kit.ProcessDueReleasesAsync());
        for (var i = 0; i < 12; i++)
        {
            app.Advance(Minute);
            await kit.WishAsync(Request(), $"wish{i}@example.org");
        }

        app.Advance(AtBerlin(2026, 12, 1, 8, 55) - app.Now);
        await using var second = await TestEngine.StartSecondInstanceAsync(app);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new[] { kit, new AgentKit(second) }.Select(async k =>
        {
            await go.Task;
            return await k.ProcessDueReleasesAsync();
        }).ToList();
        go.SetResult();
        var offered = await Task.WhenAll(runs);

        Assert.Equal(8, offered.Sum());
        Assert.Equal(8, (await kit.OpenOffersAsync()).Count);
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.ReleaseRuns.CountAsync(r => r.Date == new LocalDate(2026, 12, 22)));
        }

        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>
    /// The demo city's identity card takes two slots: the agent's share of a release is a share of
    /// places, so half of the places released is the most its offers may hold.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task AdvanceRelease_ShareCountsPlaces_WhenAServiceTakesTwoSlots(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var kit = new AgentKit(app);
        for (var i = 0; i < 10; i++)
        {
            app.Advance(Minute);
            await kit.WishAsync(
                Request(service: "personalausweis", offices: ["unterbach"], fromHour: 8, toHour: 18), $"wish{i}@example.org");
        }

        // Only the advance release of 22 December is due: every earlier release has run.
        app.Advance(AtBerlin(2026, 12, 1, 8, 55) - app.Now);
        await MarkReleasedDaysDoneAsync(app, sameDayUntil: app.Now + ReleaseAgent.Lead);
        await kit.ProcessDueReleasesAsync();

        await using var db = app.NewDb();
        var run = await db.ReleaseRuns.AsNoTracking().SingleAsync(r => r.OfficeId == "unterbach" && r.Date == new LocalDate(2026, 12, 22) && r.Kind == ReleaseKind.Advance);
        var offers = await db.Offers.AsNoTracking().Include(o => o.Slots)
            .Where(o => o.OfficeId == "unterbach" && o.Source == OfferSource.AdvanceRelease).ToListAsync();
        var placesOffered = offers.Sum(o => o.Slots.Count);
        Assert.True(run.PlacesReleased > 0);
        Assert.All(offers, o => Assert.Equal(new LocalDate(2026, 12, 22), o.Start.InZone(Berlin).Date));
        Assert.True(
            placesOffered <= run.PlacesReleased * 50 / 100,
            $"{placesOffered} of {run.PlacesReleased} places released went to {offers.Count} offers; at most half may");
        Assert.Equal(placesOffered, run.PlacesOffered);
        Assert.True(placesOffered > 0);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>Records the releases so far as done, as a city running for a while has them.</summary>
    private static async Task MarkReleasedDaysDoneAsync(TestEngine app, Instant sameDayUntil)
    {
        await using var db = app.NewDb();
        var now = app.Now;
        var advance = await db.Slots.AsNoTracking().Where(s => s.ReleasedAt <= now).Select(s => new { s.OfficeId, s.Date }).Distinct().ToListAsync();
        var sameDay = await db.Slots.AsNoTracking().Where(s => s.SameDayReleaseAt <= sameDayUntil && s.HeldBack > 0).Select(s => new { s.OfficeId, s.Date }).Distinct().ToListAsync();
        db.ReleaseRuns.AddRange(advance.Select(d => Seed.ReleaseRun(d.OfficeId, d.Date, ReleaseKind.Advance, now)));
        db.ReleaseRuns.AddRange(sameDay.Select(d => Seed.ReleaseRun(d.OfficeId, d.Date, ReleaseKind.SameDay, now)));
        await db.SaveChangesAsync();
    }
}
