using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Links;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// The query the agent's matching rests on (<see cref="AgentEngine.OldestWaitingAsync"/>): of the
/// waiting wishes whose service, office, weekday, time window and date range take an appointment,
/// the one registered first. Two offices (mitte and nord), two services; the clock stands on
/// Monday 30 November 2026, 10:00.
/// </summary>
public sealed class OldestWaitingTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private static readonly LocalDateTime Wednesday9 = new(2026, 12, 2, 9, 0);

    private static async Task<(TestEngine App, AgentKit Kit)> StartAsync(DatabaseProvider provider)
    {
        var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(TwoOffices));
        return (app, new AgentKit(app));
    }

    /// <summary>The oldest waiting wish that takes the appointment from <paramref name="start"/>, as the agent asks for it.</summary>
    private static async Task<Guid?> OldestAsync(
        ITestHost app, LocalDateTime start, string service = Service, string office = Office, int minutes = 15,
        Guid? except = null, IReadOnlyCollection<Guid>? passedOver = null)
    {
        await using var db = app.NewDb();
        var hit = await AgentEngine.OldestWaitingAsync(db, service, office, start, start.PlusMinutes(minutes), except, default, passedOver);
        return hit?.WishId;
    }

    private static WishRequest Window(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(Service, [Office], Weekdays, [new TimeWindow(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute))], null, null);

    [Theory]
    [DatabaseData]
    public async Task TheOldest_IsTheFirstRegistered_EvenWhenItWasConfirmedLast(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var first = await kit.RegisterAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        Assert.Equal(second, await OldestAsync(app, Wednesday9));

        app.Advance(Minute);
        await kit.ConfirmWishAsync(first.Wish!.Id);
        app.Advance(Minute);
        await kit.WishAsync(Request(), "third@example.org");

        Assert.Equal(first.Wish.Id, await OldestAsync(app, Wednesday9));
        await using var db = app.NewDb();
        var hit = await AgentEngine.OldestWaitingAsync(db, Service, Office, Wednesday9, Wednesday9.PlusMinutes(15), null, default);
        Assert.Equal((await kit.WishOfAsync(first.Wish.Id)).RegisteredAt, hit!.Value.RegisteredAt);
        Assert.True(hit.Value.RegisteredAt < (await kit.WishOfAsync(second)).RegisteredAt);
    }

    /// <summary>
    /// Six wishes, each registered before the next; only the last takes Wednesday 09:00–09:15. Each
    /// of the others is found by the appointment it does take, which proves the filter that left it out.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task ServiceOfficeWeekdayAndTimeWindow_EachLeaveOutTheWishesTheyDoNotMatch(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var otherService = await kit.WishAsync(Request(service: "reisepass"), "service@example.org");
        app.Advance(Minute);
        var otherOffice = await kit.WishAsync(Request(offices: ["nord"]), "office@example.org");
        app.Advance(Minute);
        var thursdays = await kit.WishAsync(Request(days: [IsoDayOfWeek.Thursday]), "thursday@example.org");
        app.Advance(Minute);
        var fromFive = await kit.WishAsync(Window(9, 5, 12, 0), "from-five@example.org");
        app.Advance(Minute);
        var untilTen = await kit.WishAsync(Window(8, 0, 9, 10), "until-ten@example.org");
        app.Advance(Minute);
        var matching = await kit.WishAsync(Request(), "matching@example.org");

        Assert.Equal(matching, await OldestAsync(app, Wednesday9));

        Assert.Equal(otherService, await OldestAsync(app, Wednesday9, service: "reisepass", minutes: 30));
        Assert.Equal(otherOffice, await OldestAsync(app, Wednesday9, office: "nord"));
        Assert.Equal(thursdays, await OldestAsync(app, Wednesday9.PlusDays(1)));

        // A window takes an appointment that starts at or after its start and ends at or before its end.
        Assert.Equal(fromFive, await OldestAsync(app, Wednesday9.PlusMinutes(5)));
        Assert.Equal(matching, await OldestAsync(app, Wednesday9.PlusMinutes(4)));
        Assert.Equal(untilTen, await OldestAsync(app, Wednesday9.PlusMinutes(-20)));
        Assert.Equal(untilTen, await OldestAsync(app, Wednesday9.PlusMinutes(-5)));
        Assert.Equal(matching, await OldestAsync(app, Wednesday9.PlusMinutes(-4)));

        // Nobody waits for the afternoon, nor for an appointment that would run past midnight.
        Assert.Null(await OldestAsync(app, Wednesday9.PlusHours(4)));
        Assert.Null(await OldestAsync(app, new LocalDateTime(2026, 12, 2, 23, 50)));
    }

    [Theory]
    [DatabaseData]
    public async Task TheDateRange_TakesItsFirstAndLastDay(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var tuesday = new LocalDate(2026, 12, 1);
        var wednesday = tuesday.PlusDays(1);
        var thursday = tuesday.PlusDays(2);
        var fromThursday = await kit.WishAsync(Request(earliest: thursday), "from-thursday@example.org");
        app.Advance(Minute);
        var untilTuesday = await kit.WishAsync(Request(latest: tuesday), "until-tuesday@example.org");
        app.Advance(Minute);
        var wednesdayOnly = await kit.WishAsync(Request(earliest: wednesday, latest: wednesday), "wednesday@example.org");

        Assert.Equal(untilTuesday, await OldestAsync(app, tuesday.At(new LocalTime(9, 0))));
        Assert.Equal(wednesdayOnly, await OldestAsync(app, wednesday.At(new LocalTime(9, 0))));
        Assert.Equal(fromThursday, await OldestAsync(app, thursday.At(new LocalTime(9, 0))));
        Assert.Equal(fromThursday, await OldestAsync(app, thursday.PlusDays(1).At(new LocalTime(9, 0))));
        Assert.Equal(untilTuesday, await OldestAsync(app, tuesday.PlusDays(-1).At(new LocalTime(9, 0))));
    }

    /// <summary>
    /// Unconfirmed, withdrawn and offered wishes are not in line; a wish that declines its offer
    /// keeping its place is, at that place again.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task OnlyWaitingWishes_AreInLine(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var thursday9 = AtBerlin(2026, 12, 3, 9);
        var booking = await kit.BookAsync(thursday9, "booker@example.org");
        app.Advance(Minute);
        var unconfirmed = await kit.RegisterAsync(Request(), "unconfirmed@example.org");
        app.Advance(Minute);
        var withdrawn = await kit.WishAsync(Request(), "withdrawn@example.org");
        Assert.True((await kit.WishesAsync(w => w.WithdrawAsync(kit.Links[(LinkPurpose.ManageWish, withdrawn)], default))).Succeeded);
        app.Advance(Minute);
        var offered = await kit.WishAsync(Request(), "offered@example.org");
        app.Advance(Minute);
        await kit.CancelAsync(booking);
        var offer = await kit.SingleOpenOfferAsync(offered);
        app.Advance(Minute);
        var waiting = await kit.WishAsync(Request(), "waiting@example.org");

        Assert.Equal(WishStatus.Unconfirmed, (await kit.WishOfAsync(unconfirmed.Wish!.Id)).Status);
        Assert.Equal(WishStatus.Withdrawn, (await kit.WishOfAsync(withdrawn)).Status);
        Assert.Equal(waiting, await OldestAsync(app, Wednesday9));

        Assert.True((await kit.DeclineAsync(offer.Id, keepWish: true)).Succeeded);

        Assert.Equal(WishStatus.Waiting, (await kit.WishOfAsync(offered)).Status);
        Assert.Equal(offered, await OldestAsync(app, Wednesday9));
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task TheWishExcepted_AndTheWishesPassedOver_AreSkipped(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var first = await kit.WishAsync(Request(), "first@example.org");
        app.Advance(Minute);
        var second = await kit.WishAsync(Request(), "second@example.org");
        app.Advance(Minute);
        var third = await kit.WishAsync(Request(), "third@example.org");

        Assert.Equal(first, await OldestAsync(app, Wednesday9));
        Assert.Equal(second, await OldestAsync(app, Wednesday9, except: first));
        Assert.Equal(third, await OldestAsync(app, Wednesday9, except: first, passedOver: [second]));
        Assert.Equal(first, await OldestAsync(app, Wednesday9, passedOver: [second]));
        Assert.Null(await OldestAsync(app, Wednesday9, except: third, passedOver: [first, second]));
    }
}
