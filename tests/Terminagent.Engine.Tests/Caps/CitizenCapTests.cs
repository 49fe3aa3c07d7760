using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Caps;

/// <summary>One address may have two appointments and three unconfirmed wish registrations per service at once.</summary>
public sealed class CitizenCapTests
{
    private const string Person = "family@example.org";
    private static readonly Instant Wednesday9 = AtBerlin(2026, 12, 2, 9);
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    private static async Task<(TestEngine App, AgentKit Kit)> StartAsync(DatabaseProvider provider)
    {
        var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        return (app, new AgentKit(app));
    }

    private static Task<BookingResult> HoldAsync(TestEngine app, Instant start, string email, string service = Service) =>
        app.BookingsAsync(b => b.HoldAsync(service, Office, start, "Familie Muster", email, null, "de", null, default));

    [Theory]
    [DatabaseData]
    public async Task ThirdHold_OfOneAddressForOneService_IsRefused_UntilAHoldRunsOut(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        await kit.BookAsync(Wednesday9, Person);
        var held = await HoldAsync(app, Wednesday9 + Quarter, "  Family@Example.ORG ");
        Assert.True(held.Succeeded, held.Failure?.ToString());

        var third = await HoldAsync(app, Wednesday9 + (Quarter * 2), Person);

        Assert.Equal(BookingFailure.TooManyActive, third.Failure);
        Assert.Equal(held.Booking!.HoldExpiresAt, third.RetryAt);
        await using (var db = app.NewDb())
        {
            Assert.Equal(2, await db.Bookings.CountAsync());
            Assert.Equal(0, (await db.Slots.SingleAsync(s => s.Start == Wednesday9 + (Quarter * 2))).Taken);
        }

        var otherPerson = await HoldAsync(app, Wednesday9 + (Quarter * 2), "neighbour@example.org");
        Assert.True(otherPerson.Succeeded, otherPerson.Failure?.ToString());

        app.Advance(Duration.FromMinutes(31));
        var afterHoldLapsed = await HoldAsync(app, Wednesday9 + (Quarter * 3), Person);
        Assert.True(afterHoldLapsed.Succeeded, afterHoldLapsed.Failure?.ToString());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task CancellingAnAppointment_MakesRoomUnderTheCap(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var first = await kit.BookAsync(Wednesday9, Person);
        await kit.BookAsync(Wednesday9 + Quarter, Person);
        Assert.Equal(BookingFailure.TooManyActive, (await HoldAsync(app, Wednesday9 + (Quarter * 2), Person)).Failure);

        Assert.True((await kit.CancelAsync(first)).Succeeded);

        Assert.True((await HoldAsync(app, Wednesday9 + (Quarter * 2), Person)).Succeeded);
    }

    [Theory]
    [DatabaseData]
    public async Task TwelveConcurrentHolds_OfOneAddress_GiveExactlyTwo(DatabaseProvider provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var __ = app;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            await go.Task;
            return await HoldAsync(app, Wednesday9 + (Quarter * i), Person);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(2, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(BookingFailure.TooManyActive, r.Failure));
        await using var db = app.NewDb();
        Assert.Equal(2, await db.Bookings.CountAsync(b => b.NormalisedEmail == Person));
        Assert.Equal(2, await db.OutboxMessages.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task TheCap_CountsPerService(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var passports = await Scenario.FreeTimesAsync(app, "personalausweis");
        var registrations = await Scenario.FreeTimesAsync(app, "meldebescheinigung");

        foreach (var time in passports.Take(2))
        {
            Assert.True((await app.BookingsAsync(b => b.HoldAsync("personalausweis", time.OfficeId, time.Start, "A B", Person, null, "de", null, default))).Succeeded);
        }

        var third = passports[2];
        Assert.Equal(BookingFailure.TooManyActive, (await app.BookingsAsync(b => b.HoldAsync("personalausweis", third.OfficeId, third.Start, "A B", Person, null, "de", null, default))).Failure);
        var other = registrations[^1];
        Assert.True((await app.BookingsAsync(b => b.HoldAsync("meldebescheinigung", other.OfficeId, other.Start, "A B", Person, null, "de", null, default))).Succeeded);
    }

    [Fact]
    public async Task TwoAppInstances_OnOnePostgres_StillGiveExactlyTwo()
    {
        await using var first = await TestEngine.StartAsync(DatabaseProvider.Postgres, cityFile: TestEngine.City(OneOffice));
        await using var second = await TestEngine.StartSecondInstanceAsync(first);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            await go.Task;
            return await HoldAsync(i % 2 == 0 ? first : second, Wednesday9 + (Quarter * i), Person);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(2, results.Count(r => r.Succeeded));
        await using var db = first.NewDb();
        Assert.Equal(2, await db.Bookings.CountAsync(b => b.NormalisedEmail == Person));
    }

    [Theory]
    [DatabaseData]
    public async Task AcceptingAnOffer_BeyondTheCap_IsRefused_AndTheOfferStaysOpen(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var wish = await kit.WishAsync(Request(days: [IsoDayOfWeek.Wednesday]), Person);
        var freed = await kit.BookAsync(Wednesday9, "leaving@example.org");
        await kit.BookAsync(AtBerlin(2026, 12, 3, 9), Person);
        var second = await kit.BookAsync(AtBerlin(2026, 12, 3, 10), Person);
        Assert.True((await kit.CancelAsync(freed)).Succeeded);
        var offer = await kit.SingleOpenOfferAsync(wish);

        var refused = await kit.AcceptAsync(offer.Id);

        Assert.Equal(AgentFailure.TooManyBookings, refused.Failure);
        Assert.Equal(AtBerlin(2026, 12, 3, 9), refused.RetryAt);
        Assert.Equal(OfferStatus.Open, refused.Offer!.Status);
        Assert.Equal(WishStatus.Offered, (await kit.WishOfAsync(wish)).Status);
        Assert.Equal(offer.Id, (await kit.SingleOpenOfferAsync(wish)).Id);

        Assert.True((await kit.CancelAsync(second)).Succeeded);
        var accepted = await kit.AcceptAsync(offer.Id);
        Assert.True(accepted.Succeeded, accepted.Failure?.ToString());
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task FourthUnconfirmedRegistration_IsRefused_SoNoOneCanFloodAnAddress(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await kit.RegisterAsync(Request(fromHour: 8 + i), Person)).Succeeded);
            app.Advance(Duration.FromMinutes(1));
        }

        var fourth = await kit.RegisterAsync(Request(), Person);

        Assert.Equal(AgentFailure.TooManyPending, fourth.Failure);
        Assert.Equal(TestEngine.DefaultStart + Duration.FromDays(2), fourth.RetryAt);
        await using (var db = app.NewDb())
        {
            Assert.Equal(3, await db.Wishes.CountAsync());
            Assert.Equal(3, await db.OutboxMessages.CountAsync());
        }

        app.Advance(Duration.FromDays(2));
        Assert.True((await kit.RegisterAsync(Request(), Person)).Succeeded);
    }
}
