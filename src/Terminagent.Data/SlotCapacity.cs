using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
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
    public static Task<bool> TryTakeAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, CancellationToken ct, PersonKey? person = null) =>
        TryTakeAsync(db, slotIds, Taker.Citizen, now, ct, person);

    /// <summary>
    /// Takes places for an offer. The agent may take its share of a release shortly before the
    /// public can, and at the same-day release also the places held back for that day.
    /// </summary>
    public static Task<bool> TryTakeForOfferAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, bool includeHeldBack, CancellationToken ct) =>
        TryTakeAsync(db, slotIds, Bookability.AgentTaker(atSameDayRelease: includeHeldBack), now, ct);

    /// <summary>
    /// Takes one place in each of the slots, or none: returns false when any of them has no place
    /// <paramref name="taker"/> may take at <paramref name="now"/> (<see cref="Bookability"/>), which
    /// the database decides in one conditional update, one round trip. On PostgreSQL the same
    /// statement first takes <paramref name="person"/>'s lock (<see cref="PersonLock"/>), when given.
    /// Must run inside a transaction, which the caller rolls back on false.
    /// </summary>
    /// <remarks>
    /// No rows are locked beforehand: the update locks only the rows it changes, and a rival that
    /// waited for one of them and then finds it full gives up at once, without holding it. So at the
    /// last place of a slot the losers all hear "taken" the moment the winner commits, instead of
    /// queueing behind each other's locks. The update visits the slots in the order of their ids
    /// (an index scan of the primary key), so two runs over the same slots lock them in the same order;
    /// should the database still find a deadlock, the loser is refused like any other.
    /// </remarks>
    public static async Task<bool> TryTakeAsync(
        TerminagentDb db, IReadOnlyCollection<long> slotIds, Taker taker, Instant now, CancellationToken ct, PersonKey? person = null)
    {
        if (slotIds.Count == 0)
        {
            return true;
        }

        var ids = slotIds.Order().ToArray();
        var slots = db.Slots.Where(s => ids.Contains(s.Id));
        if (db.IsPostgres && person is { } p)
        {
            // The person's lock is a one-row subquery, run before any slot is touched, so the statement
            // that counts what they have, next, already sees every rival request of theirs.
            var afterPersonLock = db.Slots.FromSql(
                $"""
                SELECT slots.* FROM (SELECT pg_advisory_xact_lock({PersonLock.LockClass}, hashtext({PersonLock.KeyOf(p.NormalisedEmail, p.ServiceId)}))) AS person, slots
                WHERE slots."Id" = ANY({ids})
                """).Select(l => l.Id);
            slots = db.Slots.Where(s => afterPersonLock.Contains(s.Id));
        }

        try
        {
            var taken = await slots
                .Where(Bookability.WithFreePlaceFor(taker, now))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken + 1), ct);
            return taken == slotIds.Count;
        }
        catch (PostgresException deadlock) when (deadlock.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            return false;
        }
    }

    public static async Task<int> GiveBackAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, CancellationToken ct)
    {
        if (slotIds.Count == 0)
        {
            return 0;
        }

        return await Locked(db, slotIds)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken - 1), ct);
    }

    /// <summary>
    /// The slots, for an update that locks their rows in one fixed order before it changes them, so
    /// two transactions over overlapping slots queue up instead of deadlocking. SQLite needs no
    /// locks: it has one writer.
    /// </summary>
    private static IQueryable<Slot> Locked(TerminagentDb db, IReadOnlyCollection<long> slotIds)
    {
        var ids = slotIds.Order().ToArray();
        if (!db.IsPostgres)
        {
            return db.Slots.Where(s => ids.Contains(s.Id));
        }

        var lockedIds = db.Slots.FromSql($"""SELECT * FROM slots WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR NO KEY UPDATE""").Select(l => l.Id);
        return db.Slots.Where(s => lockedIds.Contains(s.Id));
    }
}

/// <summary>Whose requests for a service take turns (<see cref="PersonLock"/>).</summary>
public readonly record struct PersonKey(string NormalisedEmail, string ServiceId);
