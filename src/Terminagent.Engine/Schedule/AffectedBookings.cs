using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.Schedule;

public sealed record AffectedBooking(string Code, string OfficeId, string ServiceId, Instant Start, BookingStatus Status, string Reason);

/// <summary>
/// Bookings in slots a schedule change left without room for them: the slot was removed from the
/// opening hours, the day closed, or counters reduced below the bookings already made. They stay
/// booked until staff decide; this is their list.
/// </summary>
public sealed class AffectedBookings(TerminagentDb db)
{
    public async Task<IReadOnlyList<AffectedBooking>> ListAsync(Instant now, CancellationToken ct)
    {
        var rows = await db.Slots.AsNoTracking()
            .Where(s => s.NeedsReview && s.End > now)
            .Join(db.BookingSlots, s => s.Id, bs => bs.SlotId, (s, bs) => new { Slot = s, bs.BookingId })
            .Join(db.Bookings.Where(b => b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow),
                x => x.BookingId, b => b.Id, (x, b) => new { x.Slot.IsWithdrawn, x.Slot.Capacity, x.Slot.Taken, Booking = b })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.Booking.Id)
            .Select(g =>
            {
                var b = g.First().Booking;
                var reason = g.Any(r => r.IsWithdrawn)
                    ? "The office is no longer open at this time."
                    : $"Fewer counters than bookings ({g.Max(r => r.Taken)} booked, {g.Min(r => r.Capacity)} places).";
                return new AffectedBooking(b.Code, b.OfficeId, b.ServiceId, b.Start, b.Status, reason);
            })
            .OrderBy(a => a.Start)
            .ToList();
    }
}
