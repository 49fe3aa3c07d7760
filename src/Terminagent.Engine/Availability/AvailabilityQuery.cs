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
            .Where(s => officeIds.Contains(s.OfficeId))
            .Where(Bookability.OpenTo(Taker.Citizen, now))
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
        var lapsedHolds = await LapsedHoldsAsync(now, ct);

        var times = FreeTimes.Find(slots, city.SlotsNeeded(service), Taker.Citizen, now, lapsedHolds)
            .OrderBy(t => t.Start).ThenBy(t => t.OfficeId).ToList();
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
    /// The holds that ran out unconfirmed, counted by slot: they are free at once (<see cref="Bookability.FreePlaces"/>),
    /// even before the sweeper has given their places back.
    /// </summary>
    private async Task<IReadOnlyDictionary<long, int>?> LapsedHoldsAsync(Instant now, CancellationToken ct)
    {
        var lapsed = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .SelectMany(b => b.Slots.Select(s => s.SlotId))
            .ToListAsync(ct);
        return lapsed.Count == 0 ? null : lapsed.CountBy(id => id).ToDictionary();
    }
}
