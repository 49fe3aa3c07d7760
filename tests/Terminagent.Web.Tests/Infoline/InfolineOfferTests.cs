using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Infoline;

/// <summary>
/// Wishes of callers without email: they wait in the same queue, their offers land on the
/// infoline's work list, and the agent records what the caller answered.
/// </summary>
public sealed class InfolineOfferTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishWithoutEmail_GetsTheFreedPlaceOnTheWorkList_AndAcceptedBooksIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var other = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer");

        var wish = await agent.WishAsync("Wilma Wartend", phone: "0211 987654");

        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Equal(WishChannel.Infoline, wish.Channel);
        Assert.Null(wish.Email);
        Assert.Equal(app.Now, wish.RegisteredAt);
        Assert.Equal(0, await agent.OutboxCountAsync());

        var (cancelled, _) = await agent.CancelAsync(other.Code, "Karl Anrufer");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var offer = await agent.OpenOfferOfAsync(wish.Id);
        Assert.Equal(other.Start, offer.Start);

        var list = await agent.Client.GetStringAsync("/infoline/offers");
        Assert.Contains("Wilma Wartend", list, StringComparison.Ordinal);
        Assert.Contains("0211 987654", list, StringComparison.Ordinal);
        Assert.Contains(offer.Id.ToString(), list, StringComparison.Ordinal);

        var (accepted, html) = await agent.AnswerAsync(offer.Id, "accepted");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await using var db = app.NewDb();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Name == "Wilma Wartend");
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
        Assert.Equal(offer.Start, booking.Start);
        Assert.Contains($"<p class=\"code-big\" id=\"booking-code\">{booking.Code}</p>", html, StringComparison.Ordinal);
        Assert.Equal(OfferStatus.Accepted, (await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id)).Status);
        Assert.Equal(WishStatus.Fulfilled, (await db.Wishes.AsNoTracking().SingleAsync(w => w.Id == wish.Id)).Status);
        Assert.DoesNotContain(offer.Id.ToString(), html, StringComparison.Ordinal);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeclineKeepingTheWish_KeepsItsPlaceInTheQueue(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var first = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer");
        var second = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 4), "Klara Anruferin");
        var wilma = await agent.WishAsync("Wilma Wartend", phone: "0211 987654");
        app.Advance(Duration.FromMinutes(5));
        var bert = await agent.WishAsync("Bert Später", phone: "0211 555555");

        await agent.CancelAsync(first.Code, "Karl Anrufer");
        var offer = await agent.OpenOfferOfAsync(wilma.Id);
        var (declined, html) = await agent.AnswerAsync(offer.Id, "keep");

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("Der Terminwunsch bleibt mit seinem Platz", html, StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            var kept = await db.Wishes.AsNoTracking().SingleAsync(w => w.Id == wilma.Id);
            Assert.Equal(WishStatus.Waiting, kept.Status);
            Assert.Equal(wilma.RegisteredAt, kept.RegisteredAt);
            Assert.Equal(OfferStatus.Declined, (await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id)).Status);
        }

        // The declined place went on to the next in line; a later one comes back to Wilma before
        // anyone who joined the queue after her.
        Assert.Equal(offer.Start, (await agent.OpenOfferOfAsync(bert.Id)).Start);
        app.Advance(Duration.FromMinutes(5));
        var clara = await agent.WishAsync("Clara Neu", phone: "0211 444444");
        var secondCancelled = app.Now;
        await agent.CancelAsync(second.Code, "Klara Anruferin");
        Assert.Equal(second.Start, (await agent.OpenOfferOfAsync(wilma.Id)).Start);
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Offers.AnyAsync(o => o.WishId == clara.Id));
        }

        await AgentInvariants.AssertAllAsync(app, fifoSince: secondCancelled);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOfferLapsedMeanwhile_CannotBeAccepted(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var other = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer");
        var wish = await agent.WishAsync("Wilma Wartend", phone: "0211 987654");
        await agent.CancelAsync(other.Code, "Karl Anrufer");
        var offer = await agent.OpenOfferOfAsync(wish.Id);
        var list = await agent.Client.GetStringAsync("/infoline/offers");
        Assert.Contains(offer.Id.ToString(), list, StringComparison.Ordinal);

        app.Advance(offer.Deadline - app.Now + Duration.FromMinutes(1));
        agent = await InfolineKit.SignInAsync(app);
        Assert.DoesNotContain(offer.Id.ToString(), await agent.Client.GetStringAsync("/infoline/offers"), StringComparison.Ordinal);
        var (early, earlyHtml) = await agent.AnswerAsync(offer.Id, "accepted");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Die Frist für dieses Angebot ist abgelaufen", earlyHtml, StringComparison.Ordinal);

        Assert.Equal(1, await app.InScopeAsync(sp => sp.GetRequiredService<Terminagent.Engine.Agent.OfferService>().LapseDueOffersAsync(app.Now, default)));
        var (late, lateHtml) = await agent.AnswerAsync(offer.Id, "accepted");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("inzwischen schon erledigt (Stand: verfallen). Nichts wurde geändert.", lateHtml, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.False(await db.Bookings.AnyAsync(b => b.Name == "Wilma Wartend"));
        Assert.Equal(OfferStatus.Lapsed, (await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id)).Status);
        Assert.Equal(WishStatus.Lapsed, (await db.Wishes.AsNoTracking().SingleAsync(w => w.Id == wish.Id)).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        await AgentInvariants.AssertAllAsync(app);
    }

    [Fact]
    public async Task AnOfferAnsweredByAnotherAgent_ChangesNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);
        var colleague = await InfolineKit.SignInAsync(app, Domain.Staff.StaffRole.Administrator);
        var other = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer");
        var wish = await agent.WishAsync("Wilma Wartend", phone: "0211 987654");
        await agent.CancelAsync(other.Code, "Karl Anrufer");
        var offer = await agent.OpenOfferOfAsync(wish.Id);

        var (withdrawn, _) = await colleague.AnswerAsync(offer.Id, "withdraw");
        var (accepted, html) = await agent.AnswerAsync(offer.Id, "accepted");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, accepted.StatusCode);
        Assert.Contains("inzwischen schon erledigt (Stand: abgelehnt)", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.False(await db.Bookings.AnyAsync(b => b.Name == "Wilma Wartend"));
        Assert.Equal(WishStatus.Withdrawn, (await db.Wishes.AsNoTracking().SingleAsync(w => w.Id == wish.Id)).Status);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Fact]
    public async Task WishWithoutEmailOrPhone_IsRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);

        var response = await Forms.PostAsync(agent.Client, $"/infoline/wish?service={InfolineKit.Service}", "/infoline/wish",
            ("service", InfolineKit.Service), ("office", InfolineKit.Office), ("day", "1"), ("from-1", "08:00"), ("to-1", "12:00"),
            ("name", "Wilma Wartend"), ("phone", ""), ("email", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bitte geben Sie eine Telefonnummer an", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Wishes.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishWithEmail_JoinsAtOnce_AndASecondOneUpdatesTheFirst(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);

        var first = await agent.WishAsync("Erika Anruferin", phone: null, email: "erika@example.org");
        app.Advance(Duration.FromMinutes(10));
        var response = await Forms.PostAsync(agent.Client, $"/infoline/wish?service={InfolineKit.Service}", "/infoline/wish",
            ("service", InfolineKit.Service), ("office", InfolineKit.Office), ("office", "bilk"), ("day", "2"), ("from-1", "09:00"), ("to-1", "12:00"),
            ("name", "Erika Anruferin"), ("email", "Erika@Example.org"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Er ist jetzt geändert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        var wish = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync();
        Assert.Equal(first.Id, wish.Id);
        Assert.Equal(first.RegisteredAt, wish.RegisteredAt);
        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Equal(new[] { "bilk", InfolineKit.Office }, wish.Definition.OfficeIds);
        Assert.Equal(new[] { IsoDayOfWeek.Tuesday }, wish.Definition.Weekdays);
        var mails = await app.DeliverMailAsync();
        var mail = Assert.Single(mails);
        Assert.StartsWith("Terminwunsch bestätigt", mail.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnePersonRegisteredByTwoAgentsAtOnce_HasOneWish(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 2).Select(async i =>
        {
            await go.Task;
            var request = new Terminagent.Engine.Agent.WishRequest(
                InfolineKit.Service, [InfolineKit.Office], [IsoDayOfWeek.Monday + i], [new TimeWindow(new LocalTime(8, 0), new LocalTime(12, 0))], null, null);
            return await app.InScopeAsync(sp => sp.GetRequiredService<Terminagent.Engine.Agent.WishService>()
                .RegisterForCallerAsync(request, "Erika Anruferin", "erika@example.org", null, "de", default));
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        await using var db = app.NewDb();
        var wish = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync();
        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Single(wish.Definition.Weekdays);
        Assert.Equal(wish.Targets.Count, await db.WishTargets.CountAsync());
    }
}
