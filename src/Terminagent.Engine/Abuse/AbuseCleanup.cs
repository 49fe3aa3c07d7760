using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;

namespace Terminagent.Engine.Abuse;

/// <summary>Removes spent proof-of-work challenges and rate counters once their time is over.</summary>
public sealed class AbuseCleanup(TerminagentDb db, IRateCounters counters)
{
    public async Task PurgeAsync(Instant now, CancellationToken ct)
    {
        await db.UsedChallenges.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        await counters.PurgeAsync(now, ct);
    }
}
