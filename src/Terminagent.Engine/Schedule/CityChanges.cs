using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Schedule;

public enum CityChangeOutcome
{
    Saved,

    /// <summary>The settings are not valid; nothing was saved.</summary>
    Invalid,

    /// <summary>Booked appointments are affected; the change waits for the staff member to confirm.</summary>
    NeedsConfirmation,

    /// <summary>Someone else saved a change first; nothing was saved.</summary>
    Conflict,

    /// <summary>Nothing differs from the settings in force.</summary>
    Unchanged,
}

public sealed record CityChangeResult(
    CityChangeOutcome Outcome,
    IReadOnlyList<string> Errors,
    IReadOnlyList<AffectedAppointment> Affected,
    int Informed = 0);

/// <summary>
/// Saves a change of the city's settings made in the staff area: validated like the city file,
/// refused when another change was saved meanwhile, held back for confirmation while it affects
/// booked appointments, recorded in the audit log with every setting it changed, then put in
/// force, the slots replanned and the affected citizens informed.
/// </summary>
public sealed class CityChanges(
    TerminagentDb db, CityCatalog catalog, ScheduleImpact impact, ScheduleSync sync, ScheduleChangeNotices notices, Clock clock, AuditLog audit)
{
    /// <summary>
    /// Saves <paramref name="changed"/> (edited from version <paramref name="basedOn"/>) as
    /// <paramref name="action"/>, the audit log's key, e.g. <c>office.hours</c>, for one office or
    /// (null) the whole city; <paramref name="confirmed"/> when the staff member saw the affected
    /// appointments and agreed to inform them. The version and the audit entry name the scope's actor.
    /// </summary>
    public async Task<CityChangeResult> SaveAsync(
        int basedOn, CityOptions changed, string action, string? officeId, bool confirmed, CancellationToken ct)
    {
        var (city, errors) = CityFactory.Build(changed);
        if (city is null)
        {
            return new CityChangeResult(CityChangeOutcome.Invalid, errors, []);
        }

        var before = catalog.Settings;
        if (before.Version != basedOn)
        {
            return new CityChangeResult(CityChangeOutcome.Conflict, [], []);
        }

        var differences = CityDiff.Describe(before.Options, changed);
        if (differences.Count == 0)
        {
            return new CityChangeResult(CityChangeOutcome.Unchanged, [], []);
        }

        var affected = await impact.ForAsync(city, officeId is null ? null : [officeId], slotsPlanned: false, ct);
        if (affected.Any(a => a.NoticeAt is null) && !confirmed)
        {
            return new CityChangeResult(CityChangeOutcome.NeedsConfirmation, [], affected);
        }

        var now = clock.Now;
        CityCatalog.NextVersion(db, basedOn, changed, audit.Actor.Name, audit.Actor.StaffId, now);
        audit.Add(audit.Actor, action, officeId, string.Join("\n", differences));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The version's primary key: another change was saved between reading and saving.
            db.ChangeTracker.Clear();
            return new CityChangeResult(CityChangeOutcome.Conflict, [], []);
        }

        catalog.Use(new CitySettings(basedOn + 1, changed, city));
        await sync.SyncAsync(ct);
        var informed = await notices.InformAsync(city, ct);
        return new CityChangeResult(CityChangeOutcome.Saved, [], affected, informed);
    }
}
