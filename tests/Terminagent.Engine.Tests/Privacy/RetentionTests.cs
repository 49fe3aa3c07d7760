using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Tests.Infrastructure;

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

    private static Task<RetentionResult> PurgeAsync(TestEngine app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<Retention>().PurgeAsync(app.Now, default));
}
