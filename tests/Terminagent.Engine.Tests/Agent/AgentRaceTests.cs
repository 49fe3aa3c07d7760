using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// Many answers, cancellations and app instances at once: every offer ends exactly once, no wish
/// holds two offers, no place is counted twice or lost. Every racer waits on one start gate
/// (a TaskCompletionSource, not threads), so two cores are enough.
/// </summary>
public sealed class AgentRaceTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private static readonly Instant Wednesday8 = AtBerlin(2026, 12, 2, 8);

    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> racer)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(async i =>
        {
            await go.Task;
            return await racer(i);
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>One booking, one matching wish registered after it, the booking cancelled: the wish holds an offer.</summary>
    private static async Task<(Offer Offer, Guid Wish, Guid Next)> OfferedAsync(AgentKit kit)
    {
        var booking = await kit.BookAsync(Wednesday8, "booker@example.org");
        kit.App.Advance(Minute);
        var wish = await kit.WishAsync(Request(), "first@example.org");
        kit.App.Advance(Minute);
        var next = await kit.WishAsync(Request(), "next@example.org");
        kit.App.Advance(Minute);
        await kit.CancelAsync(booking);
        return (await kit.SingleOpenOfferAsync(wish), wish, next);
    }

    [Theory]
    [DatabaseData]
    public async Task TwentyConcurrentAccepts_OfOneOffer_MakeExactlyOneBooking(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var (offer, wish, _) = await OfferedAsync(kit);
        var secret = await kit.OfferSecretAsync(offer.Id);

        var results = await AllAtOnceAsync(20, _ => kit.OffersAsync(o => o.AcceptAsync(secret, default)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        Assert.Single(results, r => !r.AlreadyDone);
        await using var db = app.NewDb();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Status == BookingStatus.Confirmed);
        Assert.Equal("first@example.org", booking.Email);
        Assert.Equal(booking.Id, (await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id)).BookingId);
        Assert.Equal(WishStatus.Fulfilled, (await kit.WishOfAsync(wish)).Status);
        Assert.Equal(1, (await kit.SlotAsync(Wednesday8)).Taken);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ToAddress == "first@example.org" && m.Subject.StartsWith("Termin bestätigt")));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task ConcurrentAcceptsAndDeclines_OfOneOffer_EndItExactlyOnce(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var (offer, wish, next) = await OfferedAsync(kit);
        var secret = await kit.OfferSecretAsync(offer.Id);

        var results = await AllAtOnceAsync(12, i => kit.OffersAsync(o => (i % 3) switch
        {
            0 => o.AcceptAsync(secret, default),
            1 => o.DeclineAsync(secret, keepWish: true, default),
            _ => o.DeclineAsync(secret, keepWish: false, default),
        }));

        var winners = results.Where(r => r.Succeeded && !r.AlreadyDone).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(AgentFailure.OfferClosed, r.Failure));
        var ended = (await kit.AllOffersAsync()).Single(o => o.Id == offer.Id);
        var firstWish = await kit.WishOfAsync(wish);
        await using var db = app.NewDb();
        var bookings = await db.Bookings.AsNoTracking().CountAsync(b => b.Status == BookingStatus.Confirmed);
        if (ended.Status == OfferStatus.Accepted)
        {
            Assert.Equal(WishStatus.Fulfilled, firstWish.Status);
            Assert.Equal(1, bookings);
            Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(next)).Status);
        }
        else
        {
            Assert.Equal(OfferStatus.Declined, ended.Status);
            Assert.Contains(firstWish.Status, new[] { WishStatus.Waiting, WishStatus.Withdrawn });
            Assert.Equal(0, bookings);
            Assert.Equal(Wednesday8, (await kit.SingleOpenOfferAsync(next)).Start);
        }

        Assert.Equal(1, (await kit.SlotAsync(Wednesday8)).Taken);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>
    /// Sixteen booked places cancelled at once, twenty wishes waiting: every place is offered, each
    /// to a different wish, and the sixteen offers go to the sixteen oldest wishes.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task ConcurrentCancellations_WithManyWaitingWishes_GiveEachWishAtMostOneOffer(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var bookings = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            bookings.Add(await kit.BookAsync(Wednesday8 + Duration.FromMinutes(15 * i), $"booker{i}@example.org"));
        }

        var wishes = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            app.Advance(Minute);
            wishes.Add(await kit.WishAsync(Request(), $"wish{i}@example.org"));
        }

        app.Advance(Minute);
        var results = await AllAtOnceAsync(bookings.Count, i => kit.CancelAsync(bookings[i]));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        var offers = await kit.AllOffersAsync();
        Assert.Equal(offers.Count, offers.Select(o => o.WishId).Distinct().Count());
        Assert.Equal(16, offers.Count);
        Assert.Equal(wishes.Take(16).Order(), offers.Select(o => o.WishId).Order());
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>Two app instances on one PostgreSQL serve the same queue: cancellations split between them.</summary>
    [Fact]
    public async Task TwoInstances_OnOnePostgres_CancellingAtOnce_OfferEachWishOnce()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Postgres, cityFile: TestEngine.City(OneOffice));
        await using var second = await TestEngine.StartSecondInstanceAsync(app);
        var kit = new AgentKit(app);
        var bookings = new List<Guid>();
        for (var day = 0; day < 2; day++)
        {
            for (var i = 0; i < 16; i++)
            {
                bookings.Add(await kit.BookAsync(Wednesday8 + Duration.FromDays(day) + Duration.FromMinutes(15 * i), $"booker{day}-{i}@example.org"));
            }
        }

        var wishes = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            app.Advance(Minute);
            wishes.Add(await kit.WishAsync(Request(), $"wish{i}@example.org"));
        }

        app.Advance(Minute);
        second.Advance(app.Now - second.Now);
        var results = await AllAtOnceAsync(bookings.Count, i =>
            (i % 2 == 0 ? app : second).BookingsAsync(b => b.CancelAsync(kit.Links[(LinkPurpose.ManageBooking, bookings[i])], default)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.ToString()));
        var offers = await kit.AllOffersAsync();
        Assert.Equal(offers.Count, offers.Select(o => o.WishId).Distinct().Count());
        Assert.Equal(24, offers.Count);
        Assert.Equal(wishes.Order(), offers.Select(o => o.WishId).Order());
        await AgentInvariants.AssertAllAsync(app);

        // Both instances answer and lapse the same offers: each ends once, and the places go public.
        await kit.CollectLinksAsync();
        var answers = await AllAtOnceAsync(offers.Count * 2, i =>
        {
            var instance = i % 2 == 0 ? app : second;
            var offer = offers[i / 2];
            var secret = kit.Links[(LinkPurpose.AnswerOffer, offer.Id)];
            return instance.InScopeAsync(sp =>
            {
                var service = sp.GetRequiredService<OfferService>();
                return (i / 2) % 2 == 0 ? service.AcceptAsync(secret, default) : service.DeclineAsync(secret, keepWish: false, default);
            });
        });

        Assert.Equal(offers.Count, answers.Count(r => r.Succeeded && !r.AlreadyDone));
        await using (var db = app.NewDb())
        {
            Assert.Equal(12, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Confirmed));
            Assert.Equal(12, await db.Offers.CountAsync(o => o.Status == OfferStatus.Declined));
            Assert.Equal(0, await db.Offers.CountAsync(o => o.Status == OfferStatus.Open));
        }

        await AgentInvariants.AssertAllAsync(app);
    }
}
