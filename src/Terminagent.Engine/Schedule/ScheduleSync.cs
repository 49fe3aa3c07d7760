using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Places;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Schedule;

public sealed record ScheduleSyncResult(int Added, int Updated, int Removed, int NeedingReview);

/// <summary>
/// Keeps the slot table in step with the configured schedule. Slots nobody booked follow the
/// schedule freely; a slot with bookings is never moved or dropped: if the schedule no longer has
/// room for them, the slot is marked for review and its bookings are listed for staff.
/// </summary>
public sealed class ScheduleSync(IServiceScopeFactory scopes, CityCatalog catalog, Clock clock, ILogger<ScheduleSync> log)
{
    /// <summary>Days beyond the release horizon that are planned already, so releases find their slots.</summary>
    private const int ExtraDays = 7;

    /// <summary>How long a plan this instance made stands without a change before the round plans again anyway.</summary>
    private static readonly Duration Stale = Duration.FromHours(1);

    private readonly Lock planned = new();
    private (int Version, string Days, Instant At)? lastPlan;

    /// <summary>
    /// Plans when something could have changed since this instance last did: the city's version, or
    /// the date in any office's zone (a new day comes within the horizon); otherwise at least hourly.
    /// <paramref name="afterwards"/> (the notices of bookings a plan left without room) runs after a
    /// plan that changed or left for review any slot, and once for each version of the city: a plan
    /// that changed nothing cannot have left a booking without room. Only when both succeed is the
    /// plan remembered, so a failure is repeated by the next round.
    /// </summary>
    public async Task<ScheduleSyncResult?> SyncWhenDueAsync(Func<City, Task> afterwards, CancellationToken ct)
    {
        var settings = catalog.Settings;
        var now = clock.Now;
        var days = string.Join(",", settings.City.Offices.Select(o => now.InZone(o.Zone).Date));
        lock (planned)
        {
            if (lastPlan is { } last && last.Version == settings.Version && last.Days == days && now - last.At < Stale)
            {
                return null;
            }
        }

        var result = await SyncAsync(ct);
        bool followUp;
        lock (planned)
        {
            followUp = lastPlan?.Version != settings.Version || result.Updated + result.Removed + result.NeedingReview > 0;
        }

        if (followUp)
        {
            await afterwards(catalog.Current);
        }

        lock (planned)
        {
            lastPlan = (settings.Version, days, now);
        }

        return result;
    }

    public async Task<ScheduleSyncResult> SyncAsync(CancellationToken ct)
    {
        var total = new ScheduleSyncResult(0, 0, 0, 0);
        var city = catalog.Current;
        foreach (var office in city.Offices)
        {
            var r = await SyncOfficeAsync(office, city.SlotLength, ct);
            total = new ScheduleSyncResult(total.Added + r.Added, total.Updated + r.Updated, total.Removed + r.Removed, total.NeedingReview + r.NeedingReview);
        }

        if (total.NeedingReview > 0)
        {
            log.LogWarning("{Count} slots hold more bookings than the schedule now allows; see the affected bookings page", total.NeedingReview);
        }

        return total;
    }

    private async Task<ScheduleSyncResult> SyncOfficeAsync(Office office, Duration slotLength, CancellationToken ct)
    {
        var now = clock.Now;
        var today = now.InZone(office.Zone).Date;
        var last = today.PlusDays(office.Release.AdvanceLeadDays + ExtraDays);
        var planned = SlotPlanner.PlanDays(office, today, last, slotLength).ToDictionary(p => p.Start);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        var gained = new List<Slot>();
        var placesGained = 0;
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);

        // Read untracked: most rounds change nothing, and tracking every upcoming slot only to find
        // it unchanged is waste. A slot that changes is attached before it does.
        var existing = await db.Slots.AsNoTracking().Where(s => s.OfficeId == office.Id && s.Date >= today).ToListAsync(ct);
        int added = 0, updated = 0, removed = 0, review = 0;

        foreach (var slot in existing)
        {
            var inPlan = planned.Remove(slot.Start, out var plan);
            if (inPlan && slot.Follows(plan!))
            {
                review += slot.NeedsReview ? 1 : 0;
                continue;
            }

            db.Slots.Attach(slot);
            if (inPlan)
            {
                var placesBefore = slot.IsWithdrawn ? 0 : slot.Capacity;
                if (slot.FollowPlan(plan!))
                {
                    updated++;
                    if (slot.Capacity > placesBefore && slot.ReleasedAt <= now)
                    {
                        gained.Add(slot);
                        placesGained += slot.Capacity - placesBefore;
                    }
                }
            }
            else if (slot.Taken == 0 && !await db.BookingSlots.AnyAsync(b => b.SlotId == slot.Id, ct))
            {
                db.Slots.Remove(slot);
                removed++;
            }
            else if (slot.Withdraw())
            {
                updated++;
            }

            review += slot.NeedsReview ? 1 : 0;
        }

        foreach (var plan in planned.Values)
        {
            var slot = Slot.FromPlan(plan);
            db.Slots.Add(slot);
            added++;
            if (slot.ReleasedAt <= now)
            {
                gained.Add(slot);
                placesGained += slot.Capacity;
            }
        }

        await db.SaveChangesAsync(ct);

        // Places that staff added to days already open go to waiting wishes first.
        await scope.ServiceProvider.GetRequiredService<FreedPlaces>()
            .HandOnAsync(db, new PlacesToHandOn(gained.Select(s => s.Id).ToList(), now, OfferSource.AddedCapacity) { Quota = placesGained }, ct);
        await tx.CommitAsync(ct);
        return new ScheduleSyncResult(added, updated, removed, review);
    }
}
