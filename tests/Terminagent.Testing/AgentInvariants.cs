using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;

namespace Terminagent.Testing;

/// <summary>
/// The invariants of DESIGN.md, checked from what the database holds:
/// I1 every slot's Taken is exactly its holds, bookings and open offers, within capacity;
/// I2 a wish has at most one open offer, is Offered exactly when it has one, and its targets are
///    searchable exactly while it waits;
/// I3 FIFO: no open offer went to a wish while an older waiting wish matched the same appointment;
/// I4 no place is lost: every place is booked, held, offered or free (follows from I1);
/// I5 every offer is well formed (its run of slots, its deadline) and every accepted offer became a booking;
/// I6 the offers a release made hold at most the agent's share of the places it released.
/// </summary>
public static class AgentInvariants
{
    public static async Task AssertAllAsync(ITestHost app, string context = "", Instant? fifoSince = null)
    {
        var violations = await FindViolationsAsync(app, fifoSince);
        Assert.True(
            violations.Count == 0,
            $"{(context.Length > 0 ? context + ": " : "")}{violations.Count} invariant violations: {string.Join(" | ", violations.Take(8))}");
    }

    /// <summary>I1 (and I4) alone, on any database: every slot's Taken is exactly the holds, bookings, tickets and open offers in it, within capacity.</summary>
    public static async Task<IReadOnlyList<string>> SlotViolationsAsync(TerminagentDb db)
    {
        var slots = await db.Slots.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.OfficeId,
                s.Start,
                s.Taken,
                s.Capacity,
                s.NeedsReview,
                Booked = db.BookingSlots.Count(bs => bs.SlotId == s.Id
                    && db.Bookings.Any(b => b.Id == bs.BookingId && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow)))
                    + db.TicketSlots.Count(ts => ts.SlotId == s.Id),
                Offered = db.OfferSlots.Count(os => os.SlotId == s.Id
                    && db.Offers.Any(o => o.Id == os.OfferId && o.Status == OfferStatus.Open)),
            })
            .Where(x => x.Taken != x.Booked + x.Offered || x.Taken < 0 || (x.Taken > x.Capacity && !x.NeedsReview))
            .ToListAsync();
        return slots.Select(s =>
            $"I1 slot {s.Id} ({s.OfficeId} {s.Start}): Taken {s.Taken}, capacity {s.Capacity}, but {s.Booked} holds/bookings and {s.Offered} open offers occupy it").ToList();
    }

    /// <summary>
    /// Every violation found. The FIFO check looks at open offers made at or after
    /// <paramref name="fifoSince"/> (all open offers when null): a wish that became waiting
    /// after an offer was made (confirmed later, or declined an offer keeping its place at or
    /// after it, or let one lapse that a forgiving rule kept it waiting after) was not in line
    /// when the agent chose, and is not held against the offer.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindViolationsAsync(ITestHost app, Instant? fifoSince = null)
    {
        var city = app.Services.GetRequiredService<City>();
        var found = new List<string>();
        await using var db = app.NewDb();

        // I1 and I4.
        found.AddRange(await SlotViolationsAsync(db));

        // I2.
        var twice = await db.Offers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Open)
            .GroupBy(o => o.WishId)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToListAsync();
        found.AddRange(twice.Select(w => $"I2 wish {w} has more than one open offer"));

        var offeredWithout = await db.Wishes.AsNoTracking()
            .Where(w => w.Status == WishStatus.Offered && db.Offers.Count(o => o.WishId == w.Id && o.Status == OfferStatus.Open) != 1)
            .Select(w => w.Id)
            .ToListAsync();
        found.AddRange(offeredWithout.Select(w => $"I2 wish {w} is Offered without exactly one open offer"));

        var openForOthers = await db.Offers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Open && !db.Wishes.Any(w => w.Id == o.WishId && w.Status == WishStatus.Offered))
            .Select(o => new { o.Id, o.WishId, Status = db.Wishes.Where(w => w.Id == o.WishId).Select(w => w.Status).FirstOrDefault() })
            .ToListAsync();
        found.AddRange(openForOthers.Select(o => $"I2 open offer {o.Id} belongs to wish {o.WishId}, which is {o.Status}, not Offered"));

        var wrongFlags = await db.WishTargets.AsNoTracking()
            .Where(t => db.Wishes.Any(w => w.Id == t.WishId
                && ((t.IsWaiting && w.Status != WishStatus.Waiting) || (!t.IsWaiting && w.Status == WishStatus.Waiting)
                    || w.RegisteredAt != t.RegisteredAt || w.ServiceId != t.ServiceId)))
            .Select(t => new { t.WishId, t.IsWaiting, Status = db.Wishes.Where(w => w.Id == t.WishId).Select(w => w.Status).FirstOrDefault() })
            .Distinct()
            .ToListAsync();
        found.AddRange(wrongFlags.Select(t =>
            $"I2 wish {t.WishId} is {t.Status} but a target says IsWaiting={t.IsWaiting} (or its place or service differs from the wish's)"));

        var activeWithoutTargets = await db.Wishes.AsNoTracking()
            .Where(w => (w.Status == WishStatus.Waiting || w.Status == WishStatus.Offered) && !w.Targets.Any())
            .Select(w => w.Id)
            .ToListAsync();
        found.AddRange(activeWithoutTargets.Select(w => $"I2 active wish {w} has no targets: the agent can never find it"));

        // I5.
        var acceptedWithoutBooking = await db.Offers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Accepted
                && (o.BookingId == null
                    || !db.Bookings.Any(b => b.Id == o.BookingId)
                    || !db.Wishes.Any(w => w.Id == o.WishId && w.Status == WishStatus.Fulfilled)))
            .Select(o => o.Id)
            .ToListAsync();
        found.AddRange(acceptedWithoutBooking.Select(o => $"I5 accepted offer {o} has no booking or its wish is not Fulfilled"));

        var fulfilledWithoutAccept = await db.Wishes.AsNoTracking()
            .Where(w => w.Status == WishStatus.Fulfilled && db.Offers.Count(o => o.WishId == w.Id && o.Status == OfferStatus.Accepted) != 1)
            .Select(w => w.Id)
            .ToListAsync();
        found.AddRange(fulfilledWithoutAccept.Select(w => $"I5 fulfilled wish {w} has not exactly one accepted offer"));

        var open = await db.Offers.AsNoTracking().Include(o => o.Slots).Where(o => o.Status == OfferStatus.Open).ToListAsync();
        var openSlotIds = open.SelectMany(o => o.Slots.Select(s => s.SlotId)).Distinct().ToList();
        var slotsOfOffers = await db.Slots.AsNoTracking().Where(s => openSlotIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        foreach (var offer in open)
        {
            var office = city.FindOffice(offer.OfficeId)!;
            var service = city.FindService(offer.ServiceId)!;
            var run = offer.Slots.Select(s => slotsOfOffers[s.SlotId]).OrderBy(s => s.Start).ToList();
            var contiguous = run.Count == city.SlotsNeeded(service)
                && run[0].Start == offer.Start
                && run.All(s => s.OfficeId == offer.OfficeId)
                && run.Zip(run.Skip(1)).All(p => p.First.End == p.Second.Start);
            if (!contiguous || offer.End != offer.Start + service.Duration)
            {
                found.Add($"I5 open offer {offer.Id} does not hold the run of slots its service needs from {offer.Start}");
            }

            if (office.Agent.DeadlineFor(offer.OfferedAt, offer.Start) != offer.Deadline)
            {
                found.Add($"I5 open offer {offer.Id} made {offer.OfferedAt} for {offer.Start} has deadline {offer.Deadline}, not the policy's");
            }
        }

        // I6.
        var runs = await db.ReleaseRuns.AsNoTracking().ToListAsync();
        var releaseOffers = await db.Offers.AsNoTracking()
            .Where(o => o.Source == OfferSource.AdvanceRelease || o.Source == OfferSource.SameDayRelease)
            .Select(o => new { o.OfficeId, o.Start, o.Source, Places = o.Slots.Count })
            .ToListAsync();
        var placesByRelease = releaseOffers
            .GroupBy(o => (o.OfficeId, Date: o.Start.InZone(city.FindOffice(o.OfficeId)!.Zone).Date, Kind: o.Source == OfferSource.AdvanceRelease ? ReleaseKind.Advance : ReleaseKind.SameDay))
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Places));
        foreach (var run in runs)
        {
            var share = run.PlacesReleased * city.FindOffice(run.OfficeId)!.Agent.ReleaseSharePercent / 100;
            var places = placesByRelease.GetValueOrDefault((run.OfficeId, run.Date, run.Kind));
            if (places > share || run.PlacesOffered > share)
            {
                found.Add($"I6 the {run.Kind} release of {run.OfficeId} on {run.Date} released {run.PlacesReleased} places; "
                    + $"its offers hold {places} (recorded {run.PlacesOffered}), more than the share of {share}");
            }
        }

        // I3.
        foreach (var offer in open.Where(o => fifoSince is null || o.OfferedAt >= fifoSince))
        {
            found.AddRange(await FifoViolationsAsync(db, city, offer));
        }

        return found;
    }

    private static async Task<IEnumerable<string>> FifoViolationsAsync(TerminagentDb db, City city, Offer offer)
    {
        var office = city.FindOffice(offer.OfficeId)!;
        var start = offer.Start.InZone(office.Zone).LocalDateTime;
        var end = offer.End.InZone(office.Zone).LocalDateTime;
        var taker = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync(w => w.Id == offer.WishId);
        var found = new List<string>();
        if (taker.ServiceId != offer.ServiceId || !taker.Definition.Matches(offer.OfficeId, start, end))
        {
            found.Add($"I3 offer {offer.Id} ({offer.OfficeId} {start}) went to wish {taker.Id}, which does not match it");
        }

        var olderWaiting = await db.Wishes.AsNoTracking()
            .Include(w => w.Targets)
            .Where(w => w.Status == WishStatus.Waiting
                && w.ServiceId == offer.ServiceId
                && w.RegisteredAt < taker.RegisteredAt
                && w.Targets.Any(t => t.OfficeId == offer.OfficeId)
                && (w.ConfirmedAt == null || w.ConfirmedAt <= offer.OfferedAt)
                && !db.Offers.Any(d => d.WishId == w.Id && (d.Status == OfferStatus.Declined || d.Status == OfferStatus.Lapsed) && d.AnsweredAt >= offer.OfferedAt))
            .ToListAsync();
        found.AddRange(olderWaiting
            .Where(w => w.Definition.Matches(offer.OfficeId, start, end))
            .Select(w => $"I3 offer {offer.Id} ({offer.ServiceId} at {offer.OfficeId} {start}) went to wish {taker.Id} registered {taker.RegisteredAt}, "
                + $"while older wish {w.Id} registered {w.RegisteredAt} was waiting and matches"));
        return found;
    }
}
