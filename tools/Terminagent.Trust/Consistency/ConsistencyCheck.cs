using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Trust.Consistency;

/// <summary>
/// After a crash, from what the database holds and what the mail server received: every slot's
/// places add up (holds, bookings, tickets and open offers are exactly its taken places, within
/// capacity), every open offer has its deadline and its wish has no other, every wish's state
/// agrees with its offers, nothing is duplicated, and every email the outbox holds arrived —
/// duplicates are counted by Message-Id, not hidden.
/// </summary>
public static class ConsistencyCheck
{
    /// <summary>Checks <paramref name="db"/>; <paramref name="deliveredMessageIds"/> holds the Message-Id of every message the mail server accepted, one entry per delivery.</summary>
    public static async Task<ConsistencyReport> RunAsync(TerminagentDb db, IReadOnlyCollection<string> deliveredMessageIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveredMessageIds);
        var violations = new List<string>();

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
                    && db.Bookings.Any(b => b.Id == bs.BookingId && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow))),
                Ticketed = db.TicketSlots.Count(ts => ts.SlotId == s.Id),
                Offered = db.OfferSlots.Count(os => os.SlotId == s.Id && db.Offers.Any(o => o.Id == os.OfferId && o.Status == OfferStatus.Open)),
            })
            .ToListAsync(ct);
        foreach (var s in slots.Where(s => s.Taken != s.Booked + s.Ticketed + s.Offered || s.Taken < 0 || (s.Taken > s.Capacity && !s.NeedsReview)))
        {
            violations.Add($"slot {s.Id} ({s.OfficeId} {s.Start}): {s.Taken} of {s.Capacity} places taken, but {s.Booked} holds/bookings, "
                + $"{s.Ticketed} tickets and {s.Offered} open offers occupy it");
        }

        var openOffers = await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Open)
            .Select(o => new { o.Id, o.WishId, o.OfferedAt, o.Deadline, o.Start }).ToListAsync(ct);
        var withDeadline = openOffers.Count(o => o.Deadline > o.OfferedAt && o.Deadline <= o.Start);
        violations.AddRange(openOffers.Where(o => !(o.Deadline > o.OfferedAt && o.Deadline <= o.Start))
            .Select(o => $"open offer {o.Id} made {o.OfferedAt} for {o.Start} has no proper deadline ({o.Deadline})"));
        violations.AddRange(openOffers.GroupBy(o => o.WishId).Where(g => g.Count() > 1)
            .Select(g => $"wish {g.Key} has {g.Count()} open offers"));

        var wishes = await db.Wishes.AsNoTracking()
            .Select(w => new
            {
                w.Id,
                w.Status,
                Open = db.Offers.Count(o => o.WishId == w.Id && o.Status == OfferStatus.Open),
                Accepted = db.Offers.Count(o => o.WishId == w.Id && o.Status == OfferStatus.Accepted),
            })
            .ToListAsync(ct);
        foreach (var w in wishes)
        {
            var agrees = w.Status switch
            {
                WishStatus.Offered => w.Open == 1 && w.Accepted == 0,
                WishStatus.Fulfilled => w.Open == 0 && w.Accepted == 1,
                _ => w.Open == 0 && w.Accepted == 0,
            };
            if (!agrees)
            {
                violations.Add($"wish {w.Id} is {w.Status} with {w.Open} open and {w.Accepted} accepted offers");
            }
        }

        var acceptedWithoutBooking = await db.Offers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Accepted && (o.BookingId == null || !db.Bookings.Any(b => b.Id == o.BookingId)))
            .Select(o => o.Id).ToListAsync(ct);
        violations.AddRange(acceptedWithoutBooking.Select(o => $"accepted offer {o} has no booking"));
        var bookingTwice = await db.Offers.AsNoTracking().Where(o => o.BookingId != null)
            .GroupBy(o => o.BookingId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct);
        violations.AddRange(bookingTwice.Select(b => $"booking {b} came from more than one offer"));

        // A repeated request must never make a second appointment: one active booking per person, service and time.
        var bookings = await db.Bookings.AsNoTracking()
            .Select(b => new { b.Id, b.Email, b.ServiceId, b.Start, b.Status }).ToListAsync(ct);
        violations.AddRange(bookings
            .Where(b => b.Email != null && b.Status is BookingStatus.Held or BookingStatus.Confirmed)
            .GroupBy(b => (Email: b.Email!.ToUpperInvariant(), b.ServiceId, b.Start))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Count()} active bookings of one person for {g.Key.ServiceId} at {g.Key.Start}"));

        var outbox = await db.OutboxMessages.AsNoTracking().Select(m => new { m.MessageId, m.SentAt }).ToListAsync(ct);
        var unsent = outbox.Count(m => m.SentAt == null);
        if (unsent > 0)
        {
            violations.Add($"{unsent} outbox rows are not sent");
        }

        var expected = outbox.Where(m => m.SentAt != null).Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var known = outbox.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var byId = deliveredMessageIds.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var delivered = expected.Count(byId.ContainsKey);
        var missing = expected.Where(id => !byId.ContainsKey(id)).ToList();
        violations.AddRange(missing.Take(20).Select(id => $"email {id} is marked sent but never arrived"));
        violations.AddRange(byId.Keys.Where(id => !known.Contains(id)).Take(20).Select(id => $"a message arrived that no outbox row sent: {id}"));

        return new ConsistencyReport
        {
            SlotsChecked = slots.Count,
            PlacesTaken = slots.Sum(s => s.Taken),
            Bookings = bookings.Count,
            Wishes = wishes.Count,
            OpenOffers = openOffers.Count,
            OpenOffersWithDeadline = withDeadline,
            OutboxRows = outbox.Count,
            OutboxUnsent = unsent,
            EmailsExpected = expected.Count,
            EmailsDelivered = delivered,
            Deliveries = deliveredMessageIds.Count,
            DistinctDelivered = byId.Count,
            EmailsLost = missing.Count + unsent,
            DuplicatedMessageIds = byId.Where(p => p.Value > 1).Select(p => p.Key).Order(StringComparer.Ordinal).ToList(),
            Violations = violations,
        };
    }
}
