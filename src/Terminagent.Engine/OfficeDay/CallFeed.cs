using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.OfficeDay;

/// <summary>Today's calls at an office, as the call display reads them.</summary>
public sealed class CallFeed(TerminagentDb db, Clock clock)
{
    /// <summary>The latest call and the ones before it: as many as the screen shows.</summary>
    public const int Shown = 9;

    /// <summary>
    /// The newest calls of today, newest first, each citizen once (a recall moves them to the top),
    /// and the id of the newest call, after which the live stream continues.
    /// </summary>
    public async Task<(IReadOnlyList<CallAnnouncement> Calls, long LastId)> LatestAsync(Office office, CancellationToken ct)
    {
        var (start, _) = Counters.TodayBounds(office, clock.Now);
        var recent = await db.CallAnnouncements.AsNoTracking()
            .Where(c => c.OfficeId == office.Id && c.CalledAt >= start)
            .OrderByDescending(c => c.Id)
            .Take(Shown * 4)
            .ToListAsync(ct);
        var calls = recent.DistinctBy(c => c.VisitId).Take(Shown).ToList();
        return (calls, recent.Count > 0 ? recent[0].Id : 0);
    }

    /// <summary>Today's calls after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CallAnnouncement>> AfterAsync(Office office, long afterId, int max, CancellationToken ct)
    {
        var (start, _) = Counters.TodayBounds(office, clock.Now);
        return await db.CallAnnouncements.AsNoTracking()
            .Where(c => c.OfficeId == office.Id && c.Id > afterId && c.CalledAt >= start)
            .OrderBy(c => c.Id)
            .Take(max)
            .ToListAsync(ct);
    }

    /// <summary>The newest call's id of any day, or 0: a stream opened without a position starts after it.</summary>
    public async Task<long> LastIdAsync(Office office, CancellationToken ct) =>
        await db.CallAnnouncements.AsNoTracking().Where(c => c.OfficeId == office.Id).MaxAsync(c => (long?)c.Id, ct) ?? 0;
}
