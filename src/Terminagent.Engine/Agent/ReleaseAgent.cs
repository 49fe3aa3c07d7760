using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Agent;

/// <summary>
/// Gives the agent its share of each release: a few minutes before an office's day opens for
/// booking (09:00, 21 days ahead) and before its held-back places open (07:00 on the day), the
/// oldest matching wishes are offered up to the configured share of the places released; the rest
/// opens to the public on time. A release_runs row per office, day and kind makes this happen once.
/// </summary>
public sealed class ReleaseAgent(IServiceScopeFactory scopes, CityCatalog catalog, Clock clock, ILogger<ReleaseAgent> log)
{
    /// <summary>How long before a release the agent takes its share.</summary>
    public static readonly Duration Lead = Duration.FromMinutes(5);

    public async Task<int> ProcessDueReleasesAsync(CancellationToken ct)
    {
        var offered = 0;
        foreach (var office in catalog.Current.Offices)
        {
            foreach (var kind in new[] { ReleaseKind.Advance, ReleaseKind.SameDay })
            {
                foreach (var date in await DueDatesAsync(office, kind, ct))
                {
                    offered += await ProcessAsync(office, date, kind, ct);
                }
            }
        }

        return offered;
    }

    private async Task<IReadOnlyList<LocalDate>> DueDatesAsync(Office office, ReleaseKind kind, CancellationToken ct)
    {
        var now = clock.Now;
        var horizon = now + Lead;
        var today = now.InZone(office.Zone).Date;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        var dates = kind == ReleaseKind.Advance
            ? db.Slots.Where(s => s.OfficeId == office.Id && s.Date >= today && s.ReleasedAt <= horizon && s.Start > now)
            : db.Slots.Where(s => s.OfficeId == office.Id && s.Date >= today && s.SameDayReleaseAt <= horizon && s.HeldBack > 0 && s.Start > now);
        var done = db.ReleaseRuns.Where(r => r.OfficeId == office.Id && r.Kind == kind).Select(r => r.Date);
        return await dates.Select(s => s.Date).Distinct().Where(d => !done.Contains(d)).OrderBy(d => d).ToListAsync(ct);
    }

    private async Task<int> ProcessAsync(Office office, LocalDate date, ReleaseKind kind, CancellationToken ct)
    {
        var now = clock.Now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        var agent = scope.ServiceProvider.GetRequiredService<AgentEngine>();
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == office.Id && s.Date == date)
            .Where(Bookability.OpenTo(Bookability.AgentTaker(atSameDayRelease: kind == ReleaseKind.SameDay), now))
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
        var released = kind == ReleaseKind.Advance ? slots.Sum(s => s.Capacity - s.HeldBack) : slots.Sum(s => s.HeldBack);
        var quota = (int)Math.Floor(released * office.Agent.ReleaseSharePercent / 100m);

        // A release that opened long ago (the app was down, or is new) is only recorded: its
        // places have been public for a day, and the agent does not take them back from the public.
        var releasedAt = slots.Count == 0 ? now : kind == ReleaseKind.Advance ? slots.Min(s => s.ReleasedAt) : slots.Min(s => s.SameDayReleaseAt);
        if (releasedAt < now - Duration.FromHours(24))
        {
            quota = 0;
        }
        var offered = quota == 0
            ? 0
            : await agent.OfferPlacesAsync(
                db, slots.Select(s => s.Id).ToList(), now,
                kind == ReleaseKind.Advance ? OfferSource.AdvanceRelease : OfferSource.SameDayRelease,
                exceptWish: null, ct, quota, includeHeldBack: kind == ReleaseKind.SameDay);

        db.ReleaseRuns.Add(new ReleaseRun { OfficeId = office.Id, Date = date, Kind = kind, RanAt = now, PlacesReleased = released, PlacesOffered = offered });
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance took this release's share first; our offers roll back with the run.
            await tx.RollBackAsync(ct);
            return 0;
        }

        if (offered > 0)
        {
            log.LogInformation("Release {Kind} of {Office} on {Date}: {Offered} of {Released} places offered to waiting wishes", kind, office.Id, date, offered, released);
        }

        return offered;
    }
}
