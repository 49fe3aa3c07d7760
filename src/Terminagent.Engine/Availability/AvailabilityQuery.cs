using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Engine.Availability;

public sealed record AvailableTimes(IReadOnlyList<FreeTime> Times, IReadOnlyList<LocalDate> Days, bool MoreThanShown = false);

/// <summary>Free appointment times for a service across offices, earliest first.</summary>
public sealed class AvailabilityQuery(TerminagentDb db, City city)
{
    public const int MaxTimes = 120;

    public async Task<AvailableTimes> FindAsync(Service service, IReadOnlyCollection<string> officeIds, LocalDate? day, Instant now, CancellationToken ct)
    {
        var slots = await db.Slots.AsNoTracking()
            .Where(s => officeIds.Contains(s.OfficeId) && s.Start > now && s.ReleasedAt <= now && !s.IsWithdrawn)
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
        await CountLapsedHoldsAsFreeAsync(slots, now, ct);

        var times = FreeTimes.Find(slots, city.SlotsNeeded(service), now).OrderBy(t => t.Start).ThenBy(t => t.OfficeId).ToList();
        var days = times.Select(t => t.Date).Distinct().Order().ToList();
        var matching = day is { } d ? times.Where(t => t.Date == d).ToList() : times;
        return new AvailableTimes(matching.Take(MaxTimes).ToList(), days, matching.Count > MaxTimes);
    }

    /// <summary>The times nearest to one a citizen wanted, for when it was taken first by someone else.</summary>
    public async Task<IReadOnlyList<FreeTime>> NearestAsync(Service service, IReadOnlyCollection<string> officeIds, Instant wanted, Instant now, int count, CancellationToken ct)
    {
        var all = await FindAsync(service, officeIds, null, now, ct);
        return all.Times.OrderBy(t => Math.Abs((t.Start - wanted).TotalTicks)).Take(count).OrderBy(t => t.Start).ToList();
    }

    /// <summary>
    /// A hold that ran out is free at once, even before the sweeper has given its place back.
    /// </summary>
    private async Task CountLapsedHoldsAsFreeAsync(List<Slot> slots, Instant now, CancellationToken ct)
    {
        var lapsed = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .SelectMany(b => b.Slots.Select(s => s.SlotId))
            .ToListAsync(ct);
        if (lapsed.Count == 0)
        {
            return;
        }

        var bySlot = slots.ToDictionary(s => s.Id);
        foreach (var slotId in lapsed)
        {
            if (bySlot.TryGetValue(slotId, out var slot))
            {
                slot.Taken--;
            }
        }
    }
}
