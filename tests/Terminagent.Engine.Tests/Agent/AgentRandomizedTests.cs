using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// Thousands of random steps of citizens and clock (wishes registered, confirmed, edited, withdrawn;
/// appointments booked, moved, cancelled; offers accepted, declined, lapsed; releases; days passing)
/// with every invariant checked after each step. The seed is fixed, so a failure reproduces; it
/// is printed in the failure message, and TERMINAGENT_AGENT_SEED runs another one.
/// </summary>
public sealed class AgentRandomizedTests(ITestOutputHelper output)
{
    public const string SeedVariable = "TERMINAGENT_AGENT_SEED";

    public static TheoryData<DatabaseProvider, int, int> Runs => new()
    {
        { DatabaseProvider.Sqlite, 2000, 20261124 },
        { DatabaseProvider.Postgres, 1000, 20261125 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task ThousandsOfRandomSteps_KeepEveryInvariant(DatabaseProvider provider, int steps, int defaultSeed)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var chosen) ? chosen : defaultSeed;
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(AgentKit.TwoOffices));
        var run = new RandomRun(app, new Random(seed));
        await run.ReleasesAsync();
        var step = 0;
        var what = "start";
        try
        {
            for (; step < steps; step++)
            {
                app.Advance(Duration.FromSeconds(run.Random.Next(1, 90)));
                what = await run.StepAsync();
                await AgentInvariants.AssertAllAsync(app, $"seed {seed}, step {step}: {what}", fifoSince: app.Now);
            }
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"seed {seed}, step {step}: {what}: {ex.Message}", ex);
        }

        output.WriteLine($"seed {seed}, {steps} steps to {app.Now}: {string.Join(", ", run.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        await using var db = app.NewDb();
        var offers = await db.Offers.AsNoTracking().GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        output.WriteLine($"offers: {string.Join(", ", offers.Select(o => $"{o.Key} {o.Value}"))}");

        // The run must have exercised what it claims to: every ending of an offer, and both kinds of release.
        Assert.True(offers.GetValueOrDefault(OfferStatus.Accepted) > 0, $"seed {seed}: no offer was accepted");
        Assert.True(offers.GetValueOrDefault(OfferStatus.Declined) > 0, $"seed {seed}: no offer was declined");
        Assert.True(offers.GetValueOrDefault(OfferStatus.Lapsed) > 0, $"seed {seed}: no offer lapsed");
        Assert.True(await db.Offers.AnyAsync(o => o.Source == OfferSource.AdvanceRelease), $"seed {seed}: no release share was offered");
        Assert.True(await db.Offers.AnyAsync(o => o.Source == OfferSource.FreedPlace), $"seed {seed}: no freed place was offered");
    }

    /// <summary>One random world: its citizens, and what each step may do.</summary>
    private sealed class RandomRun(TestEngine app, Random random)
    {
        private static readonly IsoDayOfWeek[] Days =
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

        private readonly AgentKit kit = new(app);
        private readonly City city = app.Services.GetRequiredService<City>();
        private LocalDate syncedOn = app.Now.InZone(AgentKit.Berlin).Date;
        private int people;

        /// <summary>Offers whose citizens never answer: they lapse, as about one in ten does in the city.</summary>
        private readonly HashSet<Guid> ignored = [];

        public Random Random => random;

        public Dictionary<string, int> Counts { get; } = [];

        public async Task<string> StepAsync()
        {
            await kit.CollectLinksAsync();
            var roll = random.Next(100);
            var what = roll switch
            {
                < 14 => await RegisterAsync(),
                < 18 => await ConfirmPendingAsync(),
                < 34 => await BookAsync(),
                < 48 => await CancelAsync(),
                < 53 => await MoveAsync(),
                < 73 => await AnswerAsync(),
                < 78 => await EditAsync(),
                < 80 => await WithdrawAsync(),
                _ => await TickAsync(),
            };
            var kind = what.Split(' ')[0];
            Counts[kind] = Counts.GetValueOrDefault(kind) + 1;
            return what;
        }

        public async Task ReleasesAsync()
        {
            await kit.LapseDueOffersAsync();
            await kit.ProcessDueReleasesAsync();
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private LocalDate Today => app.Now.InZone(AgentKit.Berlin).Date;

        private WishRequest RandomRequest(string serviceId)
        {
            var service = city.FindService(serviceId)!;
            var offices = random.Next(3) == 0 ? service.OfficeIds.ToList() : [Pick(service.OfficeIds)];
            var days = Days.Where(_ => random.Next(2) == 0).ToList();
            if (days.Count == 0)
            {
                days.Add(Pick(Days));
            }

            var windows = new List<TimeWindow>();
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                var from = random.Next(8 * 4, 15 * 4);
                var to = Math.Min(from + random.Next((int)service.Duration.TotalMinutes / 15, 16), 23 * 4);
                windows.Add(new TimeWindow(LocalTime.FromMinutesSinceMidnight(from * 15), LocalTime.FromMinutesSinceMidnight(to * 15)));
            }

            LocalDate? earliest = random.Next(4) == 0 ? Today.PlusDays(random.Next(0, 20)) : null;
            LocalDate? latest = random.Next(3) == 0 ? (earliest ?? Today).PlusDays(random.Next(1, 30)) : null;
            return new WishRequest(serviceId, offices, days, windows, earliest, latest);
        }

        private string RandomService() => random.Next(10) < 7 ? "meldebescheinigung" : "reisepass";

        private async Task<string> RegisterAsync()
        {
            // A small pool of people, so that some register twice for the same service.
            var email = $"person{random.Next(0, 80)}@example.org";
            var serviceId = RandomService();
            var result = await kit.RegisterAsync(RandomRequest(serviceId), random.Next(5) == 0 ? email.ToUpperInvariant() : email);
            Assert.True(result.Succeeded, $"registration refused: {result.Failure}");
            if (random.Next(100) < 85)
            {
                var confirmed = await kit.ConfirmWishAsync(result.Wish!.Id);
                return $"register+confirm {result.Wish.Id} {serviceId} {email} updates={result.UpdatesExisting} -> {confirmed.Failure?.ToString() ?? (confirmed.AlreadyDone ? "already" : "ok")}";
            }

            return $"register {result.Wish!.Id} {serviceId} {email} (unconfirmed)";
        }

        private async Task<string> ConfirmPendingAsync()
        {
            await using var db = app.NewDb();
            var pending = await db.Wishes.AsNoTracking().Where(w => w.Status == WishStatus.Unconfirmed).Select(w => w.Id).ToListAsync();
            if (pending.Count == 0)
            {
                return "confirm (none pending)";
            }

            var id = Pick(pending);
            var result = await kit.ConfirmWishAsync(id);
            return $"confirm {id} -> {result.Failure?.ToString() ?? (result.AlreadyDone ? "already" : result.UpdatesExisting ? "updated the first" : "ok")}";
        }

        private async Task<string> BookAsync()
        {
            var serviceId = RandomService();
            var service = city.FindService(serviceId)!;
            var office = Pick(service.OfficeIds);
            var day = Today.PlusDays(random.Next(0, 22));
            var times = await app.InScopeAsync(sp => sp.GetRequiredService<AvailabilityQuery>().FindAsync(service, [office], day, app.Now, default));
            if (times.Times.Count == 0)
            {
                return $"book {serviceId} at {office} on {day} (nothing free)";
            }

            var time = Pick(times.Times);
            var email = $"booker{people++}@example.org";
            var held = await app.BookingsAsync(b => b.HoldAsync(serviceId, office, time.Start, "Booker", email, null, "de", null, default));
            Assert.True(held.Succeeded, $"hold of a listed free time refused: {held.Failure}");
            if (random.Next(10) == 0)
            {
                return $"hold {held.Booking!.Id} {serviceId} at {office} {time.Start} (left unconfirmed)";
            }

            await kit.CollectLinksAsync();
            var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(kit.Links[(LinkPurpose.ConfirmBooking, held.Booking!.Id)], default));
            Assert.True(confirmed.Succeeded, $"confirmation refused: {confirmed.Failure}");
            kit.Links[(LinkPurpose.ManageBooking, held.Booking!.Id)] = confirmed.ManageSecret!;
            return $"book {held.Booking.Id} {serviceId} at {office} {time.Start}";
        }

        private async Task<Guid?> RandomFutureBookingAsync()
        {
            var now = app.Now;
            await using var db = app.NewDb();
            var ids = await db.Bookings.AsNoTracking()
                .Where(b => b.Status == BookingStatus.Confirmed && b.Start > now)
                .Select(b => b.Id)
                .ToListAsync();
            var known = ids.Where(id => kit.Links.ContainsKey((LinkPurpose.ManageBooking, id))).ToList();
            return known.Count == 0 ? null : Pick(known);
        }

        private async Task<string> CancelAsync()
        {
            if (await RandomFutureBookingAsync() is not { } id)
            {
                return "cancel (no booking)";
            }

            var result = await kit.CancelAsync(id);
            Assert.True(result.Succeeded && !result.AlreadyDone, $"cancelling a future booking: {result.Failure}");
            return $"cancel {id}";
        }

        private async Task<string> MoveAsync()
        {
            if (await RandomFutureBookingAsync() is not { } id)
            {
                return "move (no booking)";
            }

            var booking = await Scenario.BookingAsync(app, id);
            var service = city.FindService(booking.ServiceId)!;
            var office = Pick(service.OfficeIds);
            var day = Today.PlusDays(random.Next(0, 22));
            var times = await app.InScopeAsync(sp => sp.GetRequiredService<AvailabilityQuery>().FindAsync(service, [office], day, app.Now, default));
            if (times.Times.Count == 0)
            {
                return $"move {id} (nothing free at {office} on {day})";
            }

            var to = Pick(times.Times);
            var result = await app.BookingsAsync(b => b.RescheduleAsync(kit.Links[(LinkPurpose.ManageBooking, id)], office, to.Start, default));
            Assert.True(result.Succeeded, $"moving to a listed free time: {result.Failure}");
            if (result.ManageSecret is { } secret)
            {
                kit.Links[(LinkPurpose.ManageBooking, id)] = secret;
            }

            return $"move {id} from {booking.OfficeId} {booking.Start} to {office} {to.Start}";
        }

        private async Task<string> AnswerAsync()
        {
            await using var db = app.NewDb();
            var open = (await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Open).OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).ToListAsync())
                .Where(o => !ignored.Contains(o.Id)).ToList();
            if (open.Count == 0 || random.Next(20) == 0)
            {
                var ended = await db.Offers.AsNoTracking().Where(o => o.Status != OfferStatus.Open).OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync();
                if (ended.Count == 0)
                {
                    return "answer (no offer)";
                }

                var late = Pick(ended);
                var again = await kit.AcceptAsync(late);
                Assert.True(again.AlreadyDone || again.Failure is AgentFailure.OfferClosed, $"accepting ended offer {late}: {again.Failure}");
                return $"accept ended offer {late} -> {(again.AlreadyDone ? "already" : again.Failure.ToString())}";
            }

            var offer = Pick(open);
            if (random.Next(5) == 0)
            {
                ignored.Add(offer.Id);
                return $"ignore {offer.Id} of wish {offer.WishId}";
            }

            var choice = random.Next(10);
            var result = choice switch
            {
                < 4 => await kit.AcceptAsync(offer.Id),
                < 7 => await kit.DeclineAsync(offer.Id, keepWish: true),
                _ => await kit.DeclineAsync(offer.Id, keepWish: false),
            };
            var answer = choice < 4 ? "accept" : choice < 7 ? "decline-keep" : "decline-withdraw";
            if (app.Now >= offer.Deadline)
            {
                Assert.Equal(AgentFailure.OfferExpired, result.Failure);
            }
            else
            {
                Assert.True(result.Succeeded && !result.AlreadyDone, $"{answer} of open offer {offer.Id}: {result.Failure}");
            }

            return $"{answer} {offer.Id} of wish {offer.WishId} ({offer.OfficeId} {offer.Start}) -> {result.Failure?.ToString() ?? "ok"}";
        }

        private async Task<List<Wish>> WaitingWishesAsync()
        {
            await using var db = app.NewDb();
            var waiting = await db.Wishes.AsNoTracking().Where(w => w.Status == WishStatus.Waiting).ToListAsync();
            return waiting.Where(w => kit.Links.ContainsKey((LinkPurpose.ManageWish, w.Id))).ToList();
        }

        private async Task<string> EditAsync()
        {
            var waiting = await WaitingWishesAsync();
            if (waiting.Count == 0)
            {
                return "edit (no waiting wish)";
            }

            var wish = Pick(waiting);
            var result = await kit.WishesAsync(w => w.UpdateAsync(kit.Links[(LinkPurpose.ManageWish, wish.Id)], RandomRequest(wish.ServiceId), default));
            Assert.True(result.Succeeded, $"editing waiting wish {wish.Id}: {result.Failure}");
            return $"edit {wish.Id}";
        }

        private async Task<string> WithdrawAsync()
        {
            var waiting = await WaitingWishesAsync();
            if (waiting.Count == 0)
            {
                return "withdraw (no waiting wish)";
            }

            var wish = Pick(waiting);
            var result = await kit.WishesAsync(w => w.WithdrawAsync(kit.Links[(LinkPurpose.ManageWish, wish.Id)], default));
            Assert.True(result.Succeeded, $"withdrawing waiting wish {wish.Id}: {result.Failure}");
            return $"withdraw {wish.Id}";
        }

        /// <summary>Time passes, minutes to hours, and the workers' jobs run once, as after each of their periods.</summary>
        private async Task<string> TickAsync()
        {
            var minutes = random.Next(3) == 0 ? random.Next(60, 12 * 60) : random.Next(5, 60);
            app.Advance(Duration.FromMinutes(minutes));
            if (Today != syncedOn)
            {
                await app.Services.GetRequiredService<ScheduleSync>().SyncAsync(default);
                syncedOn = Today;
            }

            await app.InScopeAsync(sp => sp.GetRequiredService<BookingService>().ExpireLapsedHoldsAsync(null, app.Now, default));
            var lapsed = await kit.LapseDueOffersAsync();
            var released = await kit.ProcessDueReleasesAsync();
            var expired = await kit.WishesAsync(w => w.ExpirePastWishesAsync(app.Now, default));
            return $"tick +{minutes} min to {app.Now.InZone(AgentKit.Berlin).LocalDateTime}: {lapsed} lapsed, {released} release places offered, {expired} wishes expired";
        }
    }
}
