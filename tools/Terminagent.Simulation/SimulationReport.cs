using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Simulation;

/// <summary>What the citizens did and what the app answered, counted as the run goes.</summary>
public sealed class SimulationCounts
{
    public long HoldsMade { get; set; }
    public long HoldsRefused { get; set; }
    public long DirectBookings { get; set; }
    public long AgentBookings { get; set; }
    public long WishRegistrations { get; set; }
    public long WishesRefused { get; set; }
    public long WishesRegistered { get; set; }
    public long ConfirmationsRefused { get; set; }
    public long OffersReceived { get; set; }
    public long OffersIgnored { get; set; }
    public long DeclinedKeepingWish { get; set; }
    public long DeclinedWithdrawing { get; set; }
    public long AnswersTooLate { get; set; }

    /// <summary>Offers that went to a wish while an older waiting wish matched (<see cref="FifoCheck"/>): must stay 0.</summary>
    public long FifoViolations { get; set; }

    public List<string> FifoExamples { get; } = [];

    /// <summary>Wishes whose citizen tried to accept an offer after its deadline.</summary>
    public HashSet<Guid> AcceptedTooLate { get; } = [];
    public long Cancellations { get; set; }
    public long CheckIns { get; set; }
    public long CheckInsRefused { get; set; }
    public long StayedAway { get; set; }
    public long EmailsDelivered { get; set; }
}

/// <summary>One sum the report must make add up: what was expected and what the database says.</summary>
public sealed record AccountingCheck(string What, long Expected, long Actual)
{
    public bool Holds => Expected == Actual;
}

/// <summary>
/// How often the wait estimate shown at registration came true, over ended wishes: the first offer
/// came within the range (inside), or after it, or never though the wish lasted past the range's end
/// (outside). A wish that ended without an offer before the range's end is left out (censored).
/// </summary>
public sealed record WaitCalibration(long Counted, long Inside, long Censored)
{
    public double? Share => Counted == 0 ? null : (double)Inside / Counted;

    public static WaitCalibration Of(IEnumerable<(int Low, int High, double? OfferedAfterDays, double LastedDays)> wishes)
    {
        long counted = 0, inside = 0, censored = 0;
        foreach (var (low, high, offered, lasted) in wishes)
        {
            if (offered is { } days)
            {
                counted++;
                inside += days >= low && days <= high ? 1 : 0;
            }
            else if (lasted > high)
            {
                counted++;
            }
            else
            {
                censored++;
            }
        }

        return new WaitCalibration(counted, inside, censored);
    }
}

/// <summary>The result of one run, read from the database at its end.</summary>
public sealed record SimulationReport
{
    public required SimulationOptions Options { get; init; }
    public required SimulationCounts Counts { get; init; }
    public TimeSpan WallTime { get; init; }

    /// <summary>Processor time the process used during the run: on a busy machine a fairer measure than wall time.</summary>
    /// <summary>The process's processor time over the run; null when other runs shared the process meanwhile.</summary>
    public TimeSpan? CpuTime { get; init; }
    public Instant EndedAt { get; init; }

    public long DirectBookings { get; init; }
    public long AgentBookings { get; init; }
    public long Cancelled { get; init; }
    public long NoShows { get; init; }
    public long CheckedIn { get; init; }

    public long WishesRegistered { get; init; }
    public IReadOnlyDictionary<WishStatus, long> WishesByStatus { get; init; } = new Dictionary<WishStatus, long>();

    public long OffersMade { get; init; }
    public IReadOnlyDictionary<OfferStatus, long> OffersByStatus { get; init; } = new Dictionary<OfferStatus, long>();

    /// <summary>First offer of each wish that got one: time since the wish was registered.</summary>
    public Duration? WishToOfferMedian { get; init; }

    public Duration? WishToOfferP90 { get; init; }

    /// <summary>Answer times the citizens had: deadline minus offer time, median.</summary>
    public Duration? AnswerTimeMedian { get; init; }

    public Duration? AnswerTimeMean { get; init; }

    /// <summary>Places of slots that have started by the end of the run.</summary>
    public long PastPlaces { get; init; }

    public long PastPlacesIdle { get; init; }

    public long PlacesTotal { get; init; }
    public long PlacesBooked { get; init; }
    public long PlacesHeld { get; init; }
    public long PlacesOffered { get; init; }
    public long PlacesIdle { get; init; }
    public long SlotsOverfull { get; init; }
    public long SlotsMiscounted { get; init; }

    /// <summary>Lapses after which the wish waited again (under a rule that forgives a short deadline).</summary>
    public long LapsesForgiven { get; init; }

    /// <summary>Wishes that ended lapsed although their citizen tried to accept, too late.</summary>
    public long LapsedThoughAccepting { get; init; }

    /// <summary>Places of past slots left idle after an offer holding them was declined or lapsed.</summary>
    public long PlacesIdleAfterOffer { get; init; }

    /// <summary>Place-hours that offers held and then gave back (declined or lapsed): capacity out of reach while it waited for an answer.</summary>
    public double PlaceHoursHeldByUnansweredOffers { get; init; }

    /// <summary>Calibration of the wait estimates shown at registration: all, those from history, the rough guesses.</summary>
    public WaitCalibration WaitCalibration { get; init; } = new(0, 0, 0);

    public WaitCalibration WaitCalibrationHistory { get; init; } = new(0, 0, 0);

    public WaitCalibration WaitCalibrationRoughGuess { get; init; } = new(0, 0, 0);

    public IReadOnlyList<AccountingCheck> Checks { get; init; } = [];

    public bool AddsUp => Checks.All(c => c.Holds);

    public long Matched => WishesByStatus.GetValueOrDefault(WishStatus.Fulfilled);

    public long OffersDeclined => OffersByStatus.GetValueOrDefault(OfferStatus.Declined);

    public long OffersLapsed => OffersByStatus.GetValueOrDefault(OfferStatus.Lapsed);

    public long OffersAccepted => OffersByStatus.GetValueOrDefault(OfferStatus.Accepted);

    /// <summary>Of the offers that ended, the share declined or lapsed: the figure the model city reports (about 30%).</summary>
    public double DeclineOrLapseRate
    {
        get
        {
            var ended = OffersAccepted + OffersDeclined + OffersLapsed;
            return ended == 0 ? 0 : (double)(OffersDeclined + OffersLapsed) / ended;
        }
    }

    public double IdleShare => PastPlaces == 0 ? 0 : (double)PastPlacesIdle / PastPlaces;

    public static async Task<SimulationReport> CollectAsync(
        IServiceProvider services, SimulationCounts counts, SimulationOptions options, Instant now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();

        var wishes = (await db.Wishes.GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        var offers = (await db.Offers.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        var bookings = (await db.Bookings.GroupBy(b => b.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        var agentBookings = await db.Offers.LongCountAsync(o => o.BookingId != null, ct);
        var allBookings = bookings.Values.Sum();
        var checkedIn = await db.Visits.LongCountAsync(v => v.BookingId != null, ct);

        var firstOffers = await db.Offers.AsNoTracking()
            .GroupBy(o => o.WishId)
            .Select(g => new { WishId = g.Key, First = g.Min(o => o.OfferedAt) })
            .Join(db.Wishes, o => o.WishId, w => w.Id, (o, w) => new { o.First, w.RegisteredAt })
            .ToListAsync(ct);
        var waits = firstOffers.Select(o => o.First - o.RegisteredAt).Order().ToList();
        var estimated = await db.Wishes.AsNoTracking()
            .Where(w => w.WaitLowDays != null && w.WaitHighDays != null && w.EndedAt != null
                && (w.Status == WishStatus.Fulfilled || w.Status == WishStatus.Withdrawn || w.Status == WishStatus.Lapsed || w.Status == WishStatus.Expired))
            .Select(w => new
            {
                Low = w.WaitLowDays!.Value,
                High = w.WaitHighDays!.Value,
                w.WaitBasis,
                w.RegisteredAt,
                EndedAt = w.EndedAt!.Value,
                FirstOffer = db.Offers.Where(o => o.WishId == w.Id).Min(o => (Instant?)o.OfferedAt),
            })
            .ToListAsync(ct);
        WaitCalibration Calibration(WaitBasis? basis) => WaitCalibration.Of(estimated.Where(e => basis is null || e.WaitBasis == basis).Select(e => (
            e.Low, e.High, e.FirstOffer is { } first ? (first - e.RegisteredAt).TotalDays : (double?)null, (e.EndedAt - e.RegisteredAt).TotalDays)));

        var answerTimes = (await db.Offers.AsNoTracking().Select(o => new { o.OfferedAt, o.Deadline }).ToListAsync(ct))
            .Select(o => o.Deadline - o.OfferedAt).Order().ToList();

        // Every slot's taken places must be its bookings, holds and open offers; the rest is idle.
        var slots = await db.Slots.AsNoTracking().Select(s => new { s.Id, s.Capacity, s.Taken, s.Start }).ToListAsync(ct);
        var booked = await (from bs in db.BookingSlots
                            join b in db.Bookings on bs.BookingId equals b.Id
                            where b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow || b.Status == BookingStatus.Held
                            group b by new { bs.SlotId, Held = b.Status == BookingStatus.Held } into g
                            select new { g.Key.SlotId, g.Key.Held, Count = g.LongCount() }).ToListAsync(ct);
        var offered = await (from os in db.OfferSlots
                             join o in db.Offers on os.OfferId equals o.Id
                             where o.Status == OfferStatus.Open
                             group o by os.SlotId into g
                             select new { SlotId = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var bookedBySlot = booked.Where(b => !b.Held).ToDictionary(b => b.SlotId, b => b.Count);
        var heldBySlot = booked.Where(b => b.Held).ToDictionary(b => b.SlotId, b => b.Count);
        var offeredBySlot = offered.ToDictionary(o => o.SlotId, o => o.Count);
        long miscounted = 0, overfull = 0;
        foreach (var slot in slots)
        {
            var accounted = bookedBySlot.GetValueOrDefault(slot.Id) + heldBySlot.GetValueOrDefault(slot.Id) + offeredBySlot.GetValueOrDefault(slot.Id);
            miscounted += accounted == slot.Taken ? 0 : 1;
            overfull += slot.Taken > slot.Capacity ? 1 : 0;
        }

        var givenBack = await (from os in db.OfferSlots
                               join o in db.Offers on os.OfferId equals o.Id
                               where o.Status == OfferStatus.Declined || o.Status == OfferStatus.Lapsed
                               select new { os.SlotId, o.OfferedAt, Until = o.AnsweredAt ?? o.Deadline }).ToListAsync(ct);
        var givenBackBySlot = givenBack.GroupBy(g => g.SlotId).ToDictionary(g => g.Key, g => (long)g.Count());
        var heldHours = givenBack.Sum(g => (g.Until - g.OfferedAt).TotalHours);
        var idleAfterOffer = slots.Where(s => s.Start <= now)
            .Sum(s => Math.Min(Math.Max(0, s.Capacity - s.Taken), givenBackBySlot.GetValueOrDefault(s.Id)));

        // A lapse ends its wish unless the rule forgave it; each wish's lapses beyond the one that ended it were forgiven.
        var lapsesByWish = await (from o in db.Offers
                                  where o.Status == OfferStatus.Lapsed
                                  join w in db.Wishes on o.WishId equals w.Id
                                  group o by new { o.WishId, Ended = w.Status == WishStatus.Lapsed } into g
                                  select new { g.Key.WishId, g.Key.Ended, Count = g.LongCount() }).ToListAsync(ct);
        var forgiven = lapsesByWish.Sum(l => l.Count - (l.Ended ? 1 : 0));
        var allowed = (AgentPolicy.Default with { Rule = options.Rule }).KeepsWaiting ? AgentPolicy.ForgivenLapses : 0;
        var forgivenTooOften = lapsesByWish.LongCount(l => l.Count - (l.Ended ? 1 : 0) > allowed);
        var lapsedWishes = lapsesByWish.Where(l => l.Ended).Select(l => l.WishId).ToHashSet();
        var lapsedThoughAccepting = counts.AcceptedTooLate.LongCount(lapsedWishes.Contains);

        var placesTotal = slots.Sum(s => (long)s.Capacity);
        var placesBooked = bookedBySlot.Values.Sum();
        var placesHeld = heldBySlot.Values.Sum();
        var placesOffered = offeredBySlot.Values.Sum();
        var placesIdle = slots.Sum(s => (long)Math.Max(0, s.Capacity - s.Taken));
        var past = slots.Where(s => s.Start <= now).ToList();

        var wishTotal = await db.Wishes.LongCountAsync(ct);
        var checks = new List<AccountingCheck>
        {
            new("wishes: registered = sum of the states", counts.WishRegistrations, wishes.Values.Sum()),
            new("wishes: in the database = registered", counts.WishRegistrations, wishTotal),
            new("wishes fulfilled = offers accepted", offers.GetValueOrDefault(OfferStatus.Accepted), wishes.GetValueOrDefault(WishStatus.Fulfilled)),
            new("wishes lapsed = offers lapsed - lapses forgiven", offers.GetValueOrDefault(OfferStatus.Lapsed) - forgiven, wishes.GetValueOrDefault(WishStatus.Lapsed)),
            new("wishes forgiven more lapses than the rule allows", 0, forgivenTooOften),
            new("wishes withdrawn = offers declined with withdrawal", counts.DeclinedWithdrawing, wishes.GetValueOrDefault(WishStatus.Withdrawn)),
            new("wishes with an offer = open offers", offers.GetValueOrDefault(OfferStatus.Open), wishes.GetValueOrDefault(WishStatus.Offered)),
            new("offers: made = sum of the states", offers.Values.Sum(), await db.Offers.LongCountAsync(ct)),
            new("offers: emailed = made", counts.OffersReceived, offers.Values.Sum()),
            new("bookings: holds made + offers accepted = all", counts.HoldsMade + counts.AgentBookings, allBookings),
            new("bookings through the agent = accepted offers", counts.AgentBookings, agentBookings),
            new("slot places: booked + held + offered + idle = capacity", placesTotal, placesBooked + placesHeld + placesOffered + placesIdle),
            new("slots whose taken places are not their bookings and offers", 0, miscounted),
            new("slots with more taken than places", 0, overfull),
            new("offers that skipped an older waiting wish (FIFO)", 0, counts.FifoViolations),
        };

        return new SimulationReport
        {
            Options = options,
            Counts = counts,
            EndedAt = now,
            DirectBookings = allBookings - agentBookings,
            AgentBookings = agentBookings,
            Cancelled = bookings.GetValueOrDefault(BookingStatus.Cancelled),
            NoShows = bookings.GetValueOrDefault(BookingStatus.NoShow),
            CheckedIn = checkedIn,
            WishesRegistered = wishTotal,
            WishesByStatus = wishes,
            OffersMade = offers.Values.Sum(),
            OffersByStatus = offers,
            WishToOfferMedian = Quantile(waits, 0.5),
            WishToOfferP90 = Quantile(waits, 0.9),
            AnswerTimeMedian = Quantile(answerTimes, 0.5),
            AnswerTimeMean = answerTimes.Count == 0 ? null : Duration.FromTicks((long)answerTimes.Average(d => (double)d.TotalTicks)),
            PastPlaces = past.Sum(s => (long)s.Capacity),
            PastPlacesIdle = past.Sum(s => (long)Math.Max(0, s.Capacity - s.Taken)),
            PlacesTotal = placesTotal,
            PlacesBooked = placesBooked,
            PlacesHeld = placesHeld,
            PlacesOffered = placesOffered,
            PlacesIdle = placesIdle,
            SlotsOverfull = overfull,
            SlotsMiscounted = miscounted,
            LapsesForgiven = forgiven,
            LapsedThoughAccepting = lapsedThoughAccepting,
            PlacesIdleAfterOffer = idleAfterOffer,
            PlaceHoursHeldByUnansweredOffers = heldHours,
            WaitCalibration = Calibration(null),
            WaitCalibrationHistory = Calibration(WaitBasis.History),
            WaitCalibrationRoughGuess = Calibration(WaitBasis.RoughGuess),
            Checks = checks,
        };
    }

    private static Duration? Quantile(List<Duration> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * sorted.Count))];
}
