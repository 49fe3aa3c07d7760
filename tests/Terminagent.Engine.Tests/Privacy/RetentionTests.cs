using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Privacy;

/// <summary>Personal data goes after the retention period; the anonymous counts stay.</summary>
public sealed class RetentionTests
{
    [Theory]
    [DatabaseData]
    public async Task AfterThirtyDays_NamesAndAddressesAreGone_CountsStay(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var booking = await Scenario.BookAndConfirmAsync(app, Scenario.Office);
        await app.BookingsAsync(b => b.CancelAsync(booking.Token, default));
        var wish = await Scenario.WishAndConfirmAsync(app, "wish@example.org");
        await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().WithdrawAsync(wish.ManageSecret, default));
        await app.DeliverMailAsync();

        var early = await PurgeAsync(app);
        Assert.Equal(new RetentionResult(0, 0, 0), early);

        app.Advance(Duration.FromDays(31));
        var late = await PurgeAsync(app);

        Assert.Equal(1, late.Wishes);
        Assert.Equal(1, late.Bookings);
        Assert.True(late.Emails >= 3);
        await using var db = app.NewDb();
        var keptBooking = await db.Bookings.SingleAsync();
        Assert.Equal(("", "", (string?)null, BookingStatus.Cancelled), (keptBooking.Name, keptBooking.Email, keptBooking.Phone, keptBooking.Status));
        var keptWish = await db.Wishes.SingleAsync();
        Assert.Equal(("", "", WishStatus.Withdrawn), (keptWish.Name, keptWish.Email, keptWish.Status));
        Assert.Empty(await db.LinkTokens.ToListAsync());
        Assert.Empty(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task ActiveWishesAndFutureBookings_AreKept()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var times = await Scenario.FreeTimesAsync(app);
        var far = times[^1];
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, far.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        var token = Scenario.TokenIn(Assert.Single(await app.DeliverMailAsync()), "http://localhost/confirm/");
        await app.BookingsAsync(b => b.ConfirmAsync(token, default));
        await Scenario.WishAndConfirmAsync(app, "wish@example.org");
        app.Advance(Duration.FromDays(19));

        var result = await PurgeAsync(app);

        Assert.Equal(0, result.Wishes);
        Assert.Equal(0, result.Bookings);
        await using var db = app.NewDb();
        Assert.Equal("Erika Mustermann", (await db.Bookings.SingleAsync(b => b.Id == held.Booking!.Id)).Name);
    }

    [Theory]
    [DatabaseData]
    public async Task AWishsOffers_LoseTheirLinksWithIt_WhileRecordsWithinThePeriod_KeepTheirs(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var booking = await kit.BookAsync(AtBerlin(2026, 12, 11, 9), "booker@example.org");
        var offered = await kit.WishAsync(Request(), "offered@example.org");
        Assert.True((await kit.CancelAsync(booking)).Succeeded);
        var offer = await kit.SingleOpenOfferAsync(offered);
        Assert.True((await kit.DeclineAsync(offer.Id, keepWish: false)).Succeeded);

        // Three weeks on, a second wish and a booking begin; a week later the first ones' period is over.
        app.Advance(Duration.FromDays(21));
        var later = await kit.WishAsync(Request(), "later@example.org");
        app.Advance(Duration.FromDays(10));

        var purged = await PurgeAsync(app);

        Assert.Equal((1, 1), (purged.Wishes, purged.Bookings));
        await using var db = app.NewDb();
        var subjects = await db.LinkTokens.Select(t => t.SubjectId).Distinct().ToListAsync();
        Assert.DoesNotContain(offer.Id, subjects);
        Assert.DoesNotContain(offered, subjects);
        Assert.DoesNotContain(booking, subjects);
        Assert.Contains(later, subjects);
        Assert.Equal("later@example.org", (await db.Wishes.SingleAsync(w => w.Id == later)).Email);

        // Nothing is anonymised twice.
        Assert.Equal(new RetentionResult(0, 0, 0), await PurgeAsync(app));
    }

    private static Task<RetentionResult> PurgeAsync(TestEngine app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<Retention>().PurgeAsync(app.Now, default));
}
