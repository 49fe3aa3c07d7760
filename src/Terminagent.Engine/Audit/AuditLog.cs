using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Audit;

/// <summary>
/// The audit log of staff actions: one entry per action. An operation that changes the database
/// calls <see cref="Add(string, string?, string)"/> just before it saves, so the entry commits or rolls back with the
/// change (and a retry after <c>ChangeTracker.Clear()</c> adds it again). It records only what an
/// audited actor (<see cref="Actor.IsAudited"/>) does; the same operations done by a citizen's link,
/// a kiosk or a worker record nothing. Details hold booking codes and ids, never a citizen's name,
/// email or phone.
/// </summary>
public sealed class AuditLog(TerminagentDb db, Clock clock, ActorScope actors)
{
    /// <summary>Who acts in this scope.</summary>
    public Actor Actor => actors.Current;

    /// <summary>
    /// Adds an entry to the context for the save that follows, when the actor is audited; returns
    /// it, so an action that turns out refused can take it back with <see cref="Withdraw"/>.
    /// </summary>
    public AuditEntry? Add(string action, string? officeId, string details) =>
        Actor.IsAudited ? Add(Actor, action, officeId, details) : null;

    /// <summary>An entry for an actor the caller names, audited or not (a sign-in, a device that activated itself).</summary>
    public AuditEntry Add(Actor actor, string action, string? officeId, string details)
    {
        var entry = new AuditEntry
        {
            At = clock.Now,
            StaffId = actor.StaffId,
            Actor = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name,
            Action = action,
            OfficeId = officeId,
            Details = details,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Takes back an entry whose action did not happen, before anything else saves it.</summary>
    public void Withdraw(AuditEntry? entry)
    {
        if (entry is not null)
        {
            db.Entry(entry).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        }
    }

    /// <summary>Records an action that changes nothing in the database (a sign-in, an export) on its own.</summary>
    public async Task RecordAsync(Actor actor, string action, string? officeId, string details, CancellationToken ct)
    {
        Add(actor, action, officeId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The same, for the actor of this scope; nothing when it is not audited.</summary>
    public async Task RecordAsync(string action, string? officeId, string details, CancellationToken ct)
    {
        if (Actor.IsAudited)
        {
            await RecordAsync(Actor, action, officeId, details, ct);
        }
    }
}
