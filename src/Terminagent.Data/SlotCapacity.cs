using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Terminagent.Data;

/// <summary>Takes and gives back places in slots with conditional updates the database arbitrates.</summary>
public static class SlotCapacity
{
    /// <summary>
    /// Takes one place in each of the slots, or none: returns false when any of them has no
    /// bookable place left at <paramref name="now"/>. Must run inside a transaction, which the
    /// caller rolls back on false.
    /// </summary>
    public static async Task<bool> TryTakeAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            // Lock the rows in one fixed order so two bookings over overlapping slots cannot deadlock.
            var ids = slotIds.Order().ToArray();
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM slots WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
        }

        var taken = await db.Slots
            .Where(s => slotIds.Contains(s.Id)
                && !s.IsWithdrawn
                && s.ReleasedAt <= now
                && s.Start > now
                && s.Taken < s.Capacity - (now < s.SameDayReleaseAt ? s.HeldBack : 0))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken + 1), ct);
        return taken == slotIds.Count;
    }

    public static Task<int> GiveBackAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, CancellationToken ct) =>
        db.Slots
            .Where(s => slotIds.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken - 1), ct);
}
