using Microsoft.EntityFrameworkCore;

namespace Terminagent.Data;

/// <summary>
/// Makes the requests of one person (normalised email) for one service take turns, so a count of
/// what they already have and the row that adds to it cannot interleave with a second request.
/// On PostgreSQL an advisory lock held until the transaction ends; SQLite needs none: its
/// transactions begin IMMEDIATE, one writer at a time.
/// </summary>
public static class PersonLock
{
    /// <summary>The first key of these advisory locks, apart from the other locks of this app.</summary>
    internal const int LockClass = 0x7e50;

    /// <summary>Must run inside a transaction; the lock ends with it.</summary>
    public static async Task TakeAsync(TerminagentDb db, string normalisedEmail, string serviceId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A person's lock is only taken inside a transaction.");
        }

        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, hashtext({KeyOf(normalisedEmail, serviceId)}))", ct);
        }
    }

    /// <summary>The text the lock's second key is hashed from (also for <see cref="SlotCapacity"/>, which takes it in its own statement).</summary>
    internal static string KeyOf(string normalisedEmail, string serviceId) => serviceId + "\n" + normalisedEmail;
}
