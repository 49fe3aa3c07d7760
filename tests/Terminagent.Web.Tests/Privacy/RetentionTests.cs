using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Tests.Bookings;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Privacy;

/// <summary>Personal data goes after the retention period; the anonymous counts stay.</summary>
public sealed class RetentionTests
{
    private static readonly WishRequest AnyTimeAtHauptbahnhof = new(
        Scenario.Service, [Scenario.Office],
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        [new TimeWindow(new LocalTime(7, 0), new LocalTime(19, 0))], null, null);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterThirtyDays_NamesAndAddressesAreGone_CountsStay(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var booking = await BookingFlowTests.BookAndConfirmAsync(app, Scenario.Office);
        await app.BookingsAsync(b => b.CancelAsync(booking.Token, default));
        var wish = await RegisterAndConfirmAsync(app, "wish@example.org");
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
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var times = await Scenario.FreeTimesAsync(app);
        var far = times[^1];
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, far.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        var token = Scenario.TokenIn(Assert.Single(await app.DeliverMailAsync()), "http://localhost/confirm/");
        await app.BookingsAsync(b => b.ConfirmAsync(token, default));
        await RegisterAndConfirmAsync(app, "wish@example.org");
        app.Advance(Duration.FromDays(19));

        var result = await PurgeAsync(app);

        Assert.Equal(0, result.Wishes);
        Assert.Equal(0, result.Bookings);
        await using var db = app.NewDb();
        Assert.Equal("Erika Mustermann", (await db.Bookings.SingleAsync(b => b.Id == held.Booking!.Id)).Name);
    }

    [Fact]
    public async Task AgentCounts_ReportOffersAndTheDeclineOrLapseShare()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await RegisterAndConfirmAsync(app, "first@example.org");
        app.Advance(Duration.FromHours(3));
        var booking = await BookingFlowTests.BookAndConfirmAsync(app, Scenario.Office, index: 40, email: "other@example.org");
        await app.BookingsAsync(b => b.CancelAsync(booking.Token, default));
        var offerToken = Scenario.TokenIn((await app.DeliverMailAsync()).Single(m => (m.Subject ?? "").StartsWith("Terminangebot", StringComparison.Ordinal)), "http://localhost/offer/");
        await app.InScopeAsync(sp => sp.GetRequiredService<OfferService>().DeclineAsync(offerToken, keepWish: false, default));

        using var client = app.CreateClient();
        var counts = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/agent");

        Assert.Equal(1, counts.GetProperty("wishesRegistered").GetInt32());
        Assert.Equal(0, counts.GetProperty("wishesActive").GetInt32());
        Assert.Equal(1, counts.GetProperty("offersMade").GetInt32());
        Assert.Equal(1, counts.GetProperty("offersDeclined").GetInt32());
        Assert.Equal(1.0, counts.GetProperty("declinedOrLapsedShare").GetDouble());
        Assert.InRange(counts.GetProperty("medianHoursFromWishToFirstOffer").GetDouble(), 2.9, 3.1);
    }

    private static Task<RetentionResult> PurgeAsync(TestApp app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<Retention>().PurgeAsync(app.Now, default));

    private static async Task<WishResult> RegisterAndConfirmAsync(TestApp app, string email)
    {
        var registered = await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().RegisterAsync(AnyTimeAtHauptbahnhof, "Wish Person", email, null, "de", default));
        Assert.True(registered.Succeeded, registered.Failure?.ToString());
        var mail = (await app.DeliverMailAsync()).Last(m => (m.Subject ?? "").StartsWith("Bitte bestätigen: Terminwunsch", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == email);
        var confirmed = await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().ConfirmAsync(Scenario.TokenIn(mail, "http://localhost/wish/confirm/"), default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        return confirmed;
    }
}
