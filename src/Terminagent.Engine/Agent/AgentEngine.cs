using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Places;

namespace Terminagent.Engine.Agent;

/// <summary>
/// Offers places to waiting wishes, oldest first. It runs inside the caller's transaction (the
/// cancellation, declined or lapsed offer, or release that freed the places), so a freed place
/// reaches the queue before anyone else can book it. Each offer takes its places with the same
/// conditional update as a booking and is written under a savepoint: if another instance offered
/// the same wish or place first, only that one offer is undone.
/// </summary>
public sealed class AgentEngine(City city, AgentEmails emails) : IFirstClaim
{
    private const int MaxAttemptsPerPlace = 5;

    /// <summary>
    /// Offers free places of these slots to matching wishes, oldest first, up to
    /// <paramref name="quota"/> places (by default one per slot: the place a cancellation, move
    /// or answered offer just freed, not places that were public already); returns the number
    /// of places offered.
    /// </summary>
    public async Task<int> OfferPlacesAsync(
        TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, OfferSource source, Guid? exceptWish, CancellationToken ct,
        int? quota = null, bool includeHeldBack = false)
    {
        if (slotIds.Count == 0 || !await db.Wishes.AnyAsync(w => w.Status == WishStatus.Waiting, ct))
        {
            return 0;
        }

        quota ??= slotIds.Count;
        var slots = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id)).OrderBy(s => s.Start).ToListAsync(ct);
        var placesOffered = 0;

        // Wishes another transaction offered a place first: each such loss is progress elsewhere, so
        // it is not counted as a failure, and the wish is not tried again in this run.
        var passedOver = new HashSet<Guid>();
        foreach (var slot in slots)
        {
            var failures = 0;
            var matches = new MatchMemo();
            while ((quota is null || placesOffered < quota) && failures < MaxAttemptsPerPlace)
            {
                var (result, places) = await TryOfferOneAsync(db, slot, now, source, exceptWish, passedOver, matches, quota - placesOffered, includeHeldBack, ct);
                if (result == Attempt.NoMatch)
                {
                    break;
                }

                if (result == Attempt.Offered)
                {
                    placesOffered += places;
                }
                else if (result == Attempt.LostRace)
                {
                    failures++;
                }
            }
        }

        return placesOffered;
    }

    /// <summary>The queue of wishes has the first claim on freed and new places (<see cref="FreedPlaces"/>).</summary>
    public Task<int> ClaimAsync(TerminagentDb db, PlacesToHandOn places, CancellationToken ct) =>
        OfferPlacesAsync(db, places.SlotIds, places.Now, places.Source, places.ExceptWish, ct, places.Quota, places.IncludeHeldBack);

    private enum Attempt
    {
        Offered,
        NoMatch,

        /// <summary>The places were taken first: count it, and give up on the slot after a few.</summary>
        LostRace,

        /// <summary>Another transaction offered the wish a place first: try the next wish.</summary>
        WishTaken,
    }

    private sealed record Candidate(Guid WishId, Instant RegisteredAt, Service Service, IReadOnlyList<Slot> Run, Instant Deadline);

    /// <summary>
    /// The oldest waiting wish for each service and time asked about while one slot's places are
    /// offered. Within that loop the queue only loses wishes (those offered or passed over, which are
    /// forgotten here), so an answer holds until its wish leaves, and a slot with several places
    /// asks the database again only for what the last offer changed.
    /// </summary>
    private sealed class MatchMemo
    {
        private readonly Dictionary<(string ServiceId, LocalDateTime Start, LocalDateTime End), (Guid WishId, Instant RegisteredAt)?> answers = [];

        public bool TryGet(string serviceId, LocalDateTime start, LocalDateTime end, out (Guid WishId, Instant RegisteredAt)? match) =>
            answers.TryGetValue((serviceId, start, end), out match);

        public void Add(string serviceId, LocalDateTime start, LocalDateTime end, (Guid WishId, Instant RegisteredAt)? match) =>
            answers[(serviceId, start, end)] = match;

        public void Forget(Guid wishId)
        {
            foreach (var key in answers.Where(a => a.Value?.WishId == wishId).Select(a => a.Key).ToList())
            {
                answers.Remove(key);
            }
        }
    }

    private async Task<(Attempt Result, int Places)> TryOfferOneAsync(
        TerminagentDb db, Slot slot, Instant now, OfferSource source, Guid? exceptWish, HashSet<Guid> passedOver, MatchMemo matches, int? maxPlaces,
        bool includeHeldBack, CancellationToken ct)
    {
        if (city.FindOffice(slot.OfficeId) is not { } office)
        {
            return (Attempt.NoMatch, 0);
        }

        var candidate = await FindOldestMatchAsync(db, office, slot, now, exceptWish, passedOver, matches, maxPlaces, includeHeldBack, ct);
        if (candidate is null)
        {
            return (Attempt.NoMatch, 0);
        }

        // What the caller tracks stays tracked; what this offer adds is let go once it is written.
        var tracked = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);

        // A part of the transaction that freed the places (it needs one), undone alone when lost.
        await using var part = await db.OpenPartAsync(ct);
        try
        {
            var wish = await db.Wishes.Include(w => w.Targets).SingleAsync(w => w.Id == candidate.WishId, ct);
            var runIds = candidate.Run.Select(s => s.Id).ToList();
            if (wish.Status != WishStatus.Waiting)
            {
                await UndoAsync(db, part, ct);
                passedOver.Add(wish.Id);
                matches.Forget(wish.Id);
                return (Attempt.WishTaken, 0);
            }

            if (!await SlotCapacity.TryTakeForOfferAsync(db, runIds, now, includeHeldBack, ct))
            {
                await UndoAsync(db, part, ct);
                return (Attempt.LostRace, 0);
            }

            var offer = Offer.Make(wish, candidate.Service, candidate.Run, candidate.Deadline, source, now);
            db.Offers.Add(offer);
            wish.MarkOffered();
            var (secret, token) = LinkToken.Issue(LinkPurpose.AnswerOffer, offer.Id, now, offer.Deadline + Duration.FromDays(30));
            db.LinkTokens.Add(token);
            emails.OfferMade(db, wish, offer, secret, now);
            await db.SaveChangesAsync(ct);
            await part.CommitAsync(ct);
            matches.Forget(wish.Id);

            // A release offers hundreds of places in one transaction: with every offer, wish and
            // email still tracked, each save would look through all the earlier ones again.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Unchanged && !tracked.Contains(e.Entity)).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return (Attempt.Offered, runIds.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance gave this wish an offer first (one open offer per wish is a unique index).
            await UndoAsync(db, part, ct);
            passedOver.Add(candidate.WishId);
            matches.Forget(candidate.WishId);
            return (Attempt.WishTaken, 0);
        }
    }

    private static async Task UndoAsync(TerminagentDb db, EngineTransaction part, CancellationToken ct)
    {
        await part.RollBackAsync(ct);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Offer or OfferSlot or Wish or WishTarget or LinkToken or Data.Email.OutboxMessage).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Among every service this office offers and every run of slots through this one that is free,
    /// the wish registered first that would take it, in no more than <paramref name="maxPlaces"/> places.
    /// </summary>
    private async Task<Candidate?> FindOldestMatchAsync(
        TerminagentDb db, Office office, Slot slot, Instant now, Guid? exceptWish, IReadOnlyCollection<Guid> passedOver, MatchMemo matches,
        int? maxPlaces, bool includeHeldBack, CancellationToken ct)
    {
        var services = city.Services.Where(s => s.OfficeIds.Contains(office.Id)).ToList();
        var longest = services.Count == 0 ? 1 : services.Max(city.SlotsNeeded);
        var reach = city.SlotLength * (longest - 1);
        var neighbourhood = await db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == office.Id && s.Date == slot.Date && s.Start >= slot.Start - reach && s.Start <= slot.Start + reach)
            .OrderBy(s => s.Start)
            .ToListAsync(ct);

        var taker = Bookability.AgentTaker(atSameDayRelease: includeHeldBack);
        Candidate? best = null;
        foreach (var service in services)
        {
            var needed = city.SlotsNeeded(service);
            if (needed > maxPlaces)
            {
                continue;
            }

            var at = neighbourhood.FindIndex(s => s.Id == slot.Id);
            for (var first = Math.Max(0, at - needed + 1); first <= at && first + needed <= neighbourhood.Count; first++)
            {
                var run = neighbourhood.GetRange(first, needed);
                if (!FreeTimes.IsFreeRun(run, taker, now) || office.Agent.DeadlineFor(now, run[0].Start) is not { } deadline)
                {
                    continue;
                }

                var start = run[0].Start.InZone(office.Zone).LocalDateTime;
                var end = (run[0].Start + service.Duration).InZone(office.Zone).LocalDateTime;
                if (!matches.TryGet(service.Id, start, end, out var match))
                {
                    match = await OldestWaitingAsync(db, service.Id, office.Id, start, end, exceptWish, ct, passedOver);
                    matches.Add(service.Id, start, end, match);
                }

                if (match is { } m && (best is null || (m.RegisteredAt, m.WishId).CompareTo((best.RegisteredAt, best.WishId)) < 0))
                {
                    best = new Candidate(m.WishId, m.RegisteredAt, service, run, deadline);
                }
            }
        }

        return best;
    }

    /// <summary>The matching query the agent's speed rests on: one index range, oldest first, first hit wins.</summary>
    public static async Task<(Guid WishId, Instant RegisteredAt)?> OldestWaitingAsync(
        TerminagentDb db, string serviceId, string officeId, LocalDateTime start, LocalDateTime end, Guid? exceptWish, CancellationToken ct,
        IReadOnlyCollection<Guid>? passedOver = null)
    {
        if (start.Date != end.Date)
        {
            return null;
        }

        var weekday = (int)start.DayOfWeek;
        var startMinute = WishTarget.MinuteOf(start.TimeOfDay);
        var endMinute = WishTarget.MinuteOf(end.TimeOfDay);
        var date = start.Date;
        var excluded = exceptWish ?? Guid.Empty;
        var targets = db.WishTargets.AsNoTracking()
            .Where(t => t.ServiceId == serviceId && t.OfficeId == officeId && t.Weekday == weekday && t.IsWaiting
                && t.FromMinute <= startMinute && t.ToMinute >= endMinute
                && (t.Earliest == null || t.Earliest <= date)
                && (t.Latest == null || t.Latest >= date)
                && t.WishId != excluded);
        if (passedOver is { Count: > 0 })
        {
            targets = targets.Where(t => !passedOver.Contains(t.WishId));
        }

        var hit = await targets
            .OrderBy(t => t.RegisteredAt).ThenBy(t => t.WishId)
            .Select(t => new { t.WishId, t.RegisteredAt })
            .FirstOrDefaultAsync(ct);
        return hit is null ? null : (hit.WishId, hit.RegisteredAt);
    }
}
