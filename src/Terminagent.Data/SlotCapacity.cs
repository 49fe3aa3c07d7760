using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Domain.Slots;

namespace Terminagent.Data;

/// <summary>Takes and gives back places in slots with conditional updates the database arbitrates.</summary>
public static class SlotCapacity
{
    /// <summary>
    /// Takes one place for a citizen in each of the slots, or none: returns false when any of them
    /// has no place a citizen may take at <paramref name="now"/>. Must run inside a transaction,
    /// which the caller rolls back on false.
    /// </summary>
    public static Task<bool> TryTakeAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, CancellationToken ct) =>
        TryTakeAsync(db, slotIds, Taker.Citizen, now, ct);

    /// <summary>
    /// Takes places for an offer. The agent may take its share of a release shortly before the
    /// public can, and at the same-day release also the places held back for that day.
    /// </summary>
    public static Task<bool> TryTakeForOfferAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, bool includeHeldBack, CancellationToken ct) =>
        TryTakeAsync(db, slotIds, Bookability.AgentTaker(atSameDayRelease: includeHeldBack), now, ct);

    /// <summary>
    /// Takes one place in each of the slots, or none: returns false when any of them has no place
    /// <paramref name="taker"/> may take at <paramref name="now"/> (<see cref="Bookability"/>), which
    /// the database decides in one conditional update. Must run inside a transaction, which the
    /// caller rolls back on false.
    /// </summary>
    public static async Task<bool> TryTakeAsync(
        TerminagentDb db, IReadOnlyCollection<long> slotIds, Taker taker, Instant now, CancellationToken ct)
    {
        if (slotIds.Count == 0)
        {
            return true;
        }

        await LockInOrderAsync(db, slotIds, ct);
        var taken = await db.Slots
            .Where(s => slotIds.Contains(s.Id))
            .Where(Bookability.WithFreePlaceFor(taker, now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken + 1), ct);
        return taken == slotIds.Count;
    }

    public static async Task<int> GiveBackAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, CancellationToken ct)
    {
        if (slotIds.Count == 0)
        {
            return 0;
        }

        await LockInOrderAsync(db, slotIds, ct);
        return await db.Slots
            .Where(s => slotIds.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken - 1), ct);
    }

    /// <summary>
    /// Locks the rows in one fixed order before changing them, so two transactions over
    /// overlapping slots queue up instead of deadlocking. SQLite needs none: it has one writer.
    /// </summary>
    private static async Task LockInOrderAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var ids = slotIds.Order().ToArray();
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM slots WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
        }
    }
}
