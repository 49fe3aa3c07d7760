using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// An offer from the email that makes it to the answer that ends it, once: accepted, declined,
/// lapsed, answered twice or answered by two engine instances at once. (The queue order, the
/// deadlines and the release shares: <see cref="AgentFlowTests"/>; many racing answers:
/// <see cref="AgentRaceTests"/>.) One office with one counter; the clock stands on Monday
/// 30 November 2026, 10:00.
/// </summary>
public sealed class OfferLifecycleTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    /// <summary>Friday 11 December 2026, 09:00: far enough ahead for a deadline 48 hours after the offer.</summary>
    private static readonly Instant Friday9 = AtBerlin(2026, 12, 11, 9);

    /// <summary>Two waiting wishes and a cancelled booking: the first wish holds an offer for Friday 09:00.</summary>
    private static async Task<(TestEngine App, AgentKit Kit, Offer Offer, Guid First, Guid Second)> OfferedAsync(DatabaseProvider provider)
    {
        var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var booking = await kit.BookAsync(Friday9, "booker@example.org");
        app.Advance(Minute);
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        Assert.True((await kit.CancelAsync(booking)).Succeeded);
        return (app, kit, await kit.SingleOpenOfferAsync(first), first, second);
    }

    [Theory]
    [DatabaseData]
    public async Task OfferMade_IsMailed_WithALinkThatOpensIt_AndAnswersIt(DatabaseProvider provider)
    {
        var (app, _, offer, first, _) = await OfferedAsync(provider);
        await using var _ = app;

        var mail = (await app.DeliverMailAsync()).Single(m => (m.Subject ?? "").StartsWith("Terminangebot:", StringComparison.Ordinal));

        Assert.Equal("first@example.org", mail.To.Mailboxes.Single().Address);
        var secret = Scenario.TokenIn(mail, "http://localhost/offer/");
        var opened = await app.InScopeAsync(sp => sp.GetRequiredService<OfferService>().FindByLinkAsync(secret, default));
        Assert.Equal((offer.Id, first, OfferStatus.Open), (opened.Offer!.Id, opened.Wish!.Id, opened.Offer.Status));

        var accepted = await app.InScopeAsync(sp => sp.GetRequiredService<OfferService>().AcceptAsync(secret, default));

        Assert.True(accepted.Succeeded, accepted.Failure?.ToString());
        Assert.Contains(await app.DeliverMailAsync(), m => m.To.Mailboxes.Single().Address == "first@example.org"
            && (m.Subject ?? "").StartsWith("Termin bestätigt", StringComparison.Ordinal));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AfterAnAccept_ADecline_IsClosed_AndAnotherAccept_IsAlreadyDone(DatabaseProvider provider)
    {
        var (app, kit, offer, first, second) = await OfferedAsync(provider);
        await using var _ = app;
        Assert.True((await kit.AcceptAsync(offer.Id)).Succeeded);

        Assert.Equal(AgentFailure.OfferClosed, (await kit.DeclineAsync(offer.Id, keepWish: true)).Failure);
        Assert.Equal(AgentFailure.OfferClosed, (await kit.DeclineAsync(offer.Id, keepWish: false)).Failure);
        Assert.True((await kit.AcceptAsync(offer.Id)).AlreadyDone);

        Assert.Equal(OfferStatus.Accepted, (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id).Status);
        Assert.Equal(WishStatus.Fulfilled, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        Assert.Equal(1, (await kit.SlotAsync(Friday9)).Taken);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AfterADecline_AnAccept_IsClosed_AndTheSameDecline_IsAlreadyDone(DatabaseProvider provider)
    {
        var (app, kit, offer, first, second) = await OfferedAsync(provider);
        await using var _ = app;
        Assert.True((await kit.DeclineAsync(offer.Id, keepWish: true)).Succeeded);

        Assert.Equal(AgentFailure.OfferClosed, (await kit.AcceptAsync(offer.Id)).Failure);
        Assert.True((await kit.DeclineAsync(offer.Id, keepWish: true)).AlreadyDone);

        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Confirmed));
        }

        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(Friday9, (await kit.SingleOpenOfferAsync(second)).Start);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>
    /// Both instances' rounds find the offer past its deadline at the same moment: it lapses once,
    /// its citizen hears of it once, and the place goes to the next wish once.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task TwoInstancesLapsingAtOnce_EndTheOfferOnce_WithOneEmail(DatabaseProvider provider)
    {
        var (app, kit, offer, first, second) = await OfferedAsync(provider);
        await using var _ = app;
        app.Advance(offer.Deadline - app.Now);
        await using var other = await TestEngine.StartSecondInstanceAsync(app);
        var lapsedFrom = app.Now;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var instances = new ITestHost[] { app, other }.Select(async instance =>
        {
            await go.Task;
            return await instance.InScopeAsync(sp => sp.GetRequiredService<OfferService>().LapseDueOffersAsync(instance.Now, default));
        }).ToList();
        go.SetResult();
        var lapsed = await Task.WhenAll(instances);

        Assert.Equal(1, lapsed.Sum());
        Assert.Equal(WishStatus.Lapsed, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(Friday9, (await kit.SingleOpenOfferAsync(second)).Start);
        await using (var db = app.NewDb())
        {
            var emails = await db.OutboxMessages.AsNoTracking().Where(m => m.CreatedAt >= lapsedFrom).ToListAsync();
            Assert.Equal(["first@example.org", "second@example.org"], emails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        }

        Assert.Equal(1, (await kit.SlotAsync(Friday9)).Taken);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>An accept a moment before the deadline and the lapse at it: the accept stands, the lapse finds nothing.</summary>
    [Theory]
    [DatabaseData]
    public async Task AcceptJustBeforeTheDeadline_Stands_AndTheLapseFindsNothing(DatabaseProvider provider)
    {
        var (app, kit, offer, first, second) = await OfferedAsync(provider);
        await using var _ = app;
        app.Advance(offer.Deadline - app.Now - Duration.FromSeconds(1));

        Assert.True((await kit.AcceptAsync(offer.Id)).Succeeded);
        app.Advance(Duration.FromSeconds(1));

        Assert.Equal(0, await kit.LapseDueOffersAsync());
        Assert.Equal(WishStatus.Fulfilled, (await kit.WishOfAsync(first)).Status);
        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(second)).Status);
        Assert.DoesNotContain(await kit.SubjectsToAsync("first@example.org"), s => s.StartsWith("Terminangebot verfallen", StringComparison.Ordinal));
        await AgentInvariants.AssertAllAsync(app);
    }
}
