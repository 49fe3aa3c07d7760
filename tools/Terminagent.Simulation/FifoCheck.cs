using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;

namespace Terminagent.Simulation;

/// <summary>
/// First come, first served (DESIGN.md I3), checked from outside the agent: no offer went to a wish
/// while an older waiting wish matched the same appointment. Run after each step on the offers the
/// step made, so the queue is as the agent saw it; a wish that entered the line after the offer
/// (confirmed later, or declined or let lapse an offer of its own and kept its place) is not held against it.
/// </summary>
public static class FifoCheck
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(TerminagentDb db, City city, Instant since, CancellationToken ct)
    {
        var found = new List<string>();
        var offers = await (
                from o in db.Offers.AsNoTracking()
                join taker in db.Wishes.AsNoTracking() on o.WishId equals taker.Id
                where o.Status == OfferStatus.Open && o.OfferedAt >= since
                select new { o.Id, o.WishId, o.ServiceId, o.OfficeId, o.Start, o.End, o.OfferedAt, TakerRegistered = taker.RegisteredAt })
            .ToListAsync(ct);
        foreach (var offer in offers)
        {
            var office = city.FindOffice(offer.OfficeId)!;
            var start = offer.Start.InZone(office.Zone).LocalDateTime;
            var end = offer.End.InZone(office.Zone).LocalDateTime;
            var weekday = (int)start.DayOfWeek;
            var startMinute = WishTarget.MinuteOf(start.TimeOfDay);
            var endMinute = WishTarget.MinuteOf(end.TimeOfDay);
            var date = start.Date;

            // Narrowed in the database to older waiting wishes whose time window holds the offer (most
            // offers have none); each is then checked against its whole definition below.
            var candidates = await db.WishTargets.AsNoTracking()
                .Where(t => t.IsWaiting && t.ServiceId == offer.ServiceId && t.OfficeId == offer.OfficeId && t.Weekday == weekday
                    && t.FromMinute <= startMinute && t.ToMinute >= endMinute
                    && (t.Earliest == null || t.Earliest <= date) && (t.Latest == null || t.Latest >= date)
                    && t.RegisteredAt < offer.TakerRegistered)
                .Select(t => t.WishId)
                .Distinct()
                .ToListAsync(ct);
            if (candidates.Count == 0)
            {
                continue;
            }

            var older = await db.Wishes.AsNoTracking()
                .Include(w => w.Targets)
                .Where(w => candidates.Contains(w.Id)
                    && w.Status == WishStatus.Waiting
                    && (w.ConfirmedAt == null || w.ConfirmedAt <= offer.OfferedAt)
                    && !db.Offers.Any(d => d.WishId == w.Id && (d.Status == OfferStatus.Declined || d.Status == OfferStatus.Lapsed) && d.AnsweredAt >= offer.OfferedAt))
                .ToListAsync(ct);
            found.AddRange(older
                .Where(w => w.Definition.Matches(offer.OfficeId, start, end))
                .Select(w => $"offer {offer.Id} ({offer.ServiceId} at {offer.OfficeId} {start}) went to a wish registered {offer.TakerRegistered} while wish {w.Id}, registered {w.RegisteredAt}, waited and matched"));
        }

        return found;
    }
}
