using Microsoft.AspNetCore.Authorization;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Web.Time;

namespace Terminagent.Web.Features.Staff;

/// <summary>Who acted: a member of staff (their name at the time), or a part of the system.</summary>
public sealed record StaffActor(Guid? StaffId, string Name)
{
    /// <summary>A sign-in under a name that has no account: the audit log keeps no typed name.</summary>
    public static StaffActor Unknown { get; } = new(null, "?");

    public static StaffActor System(string part) => new(null, part);

    public static StaffActor Of(StaffMember member) => new(member.Id, member.Name);

    public static StaffActor Of(Data.Staff.StaffUser user) => new(user.Id, user.DisplayName);
}

/// <summary>
/// The audit log of staff actions: one entry per action. A service that changes the database
/// calls <see cref="Add(string, string?, string)"/> just before it saves, so the entry commits or rolls back with the
/// change (and a retry after <c>ChangeTracker.Clear()</c> adds it again). It records only when
/// a member of staff acts: on a page or API route that requires a staff policy, or as the actor a
/// command names with <see cref="ActAs"/>. The same services called from a citizen's link or a
/// kiosk record nothing. Details hold booking codes and ids, never a citizen's name, email or phone.
/// </summary>
public sealed class StaffAudit(TerminagentDb db, Clock clock, IHttpContextAccessor http)
{
    private StaffActor? named;

    /// <summary>The member of staff this request acts for, or the actor a command named; null for citizens and devices.</summary>
    public StaffActor? Actor => named ?? FromRequest();

    /// <summary>For work outside a request (a command): who acts from now on in this scope.</summary>
    public void ActAs(StaffActor actor) => named = actor;

    /// <summary>
    /// Adds an entry to the context for the save that follows, when a member of staff acts;
    /// returns it, so an action that turns out refused can take it back with <see cref="Withdraw"/>.
    /// </summary>
    public AuditEntry? Add(string action, string? officeId, string details) =>
        Actor is { } actor ? Add(actor, action, officeId, details) : null;

    public AuditEntry Add(StaffActor actor, string action, string? officeId, string details)
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
    public async Task RecordAsync(StaffActor actor, string action, string? officeId, string details, CancellationToken ct)
    {
        Add(actor, action, officeId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The same, for the member of staff of this request; nothing when there is none.</summary>
    public async Task RecordAsync(string action, string? officeId, string details, CancellationToken ct)
    {
        if (Actor is { } actor)
        {
            await RecordAsync(actor, action, officeId, details, ct);
        }
    }

    private StaffActor? FromRequest()
    {
        var context = http.HttpContext;
        var endpoint = context?.GetEndpoint();
        if (context is null || endpoint is null
            || !endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy?.StartsWith(StaffSetup.StaffPolicy, StringComparison.Ordinal) == true))
        {
            return null;
        }

        return StaffMember.From(context.User) is { } member ? StaffActor.Of(member) : null;
    }
}
