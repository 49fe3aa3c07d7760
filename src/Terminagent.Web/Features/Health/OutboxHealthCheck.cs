using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Health;

/// <summary>Degraded when the oldest unsent email has waited longer than <see cref="MaxAge"/>: citizens are not hearing from us.</summary>
public sealed class OutboxHealthCheck(TerminagentDb db, Clock clock) : IHealthCheck
{
    public static readonly Duration MaxAge = Duration.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var oldest = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null)
            .OrderBy(m => m.CreatedAt).Select(m => (Instant?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (oldest is not { } createdAt)
        {
            return HealthCheckResult.Healthy("No email waits.");
        }

        var age = clock.Now - createdAt;
        var minutes = (int)Math.Floor(age.TotalMinutes);
        return age > MaxAge
            ? HealthCheckResult.Degraded($"The oldest unsent email has waited {minutes} minutes.")
            : HealthCheckResult.Healthy($"The oldest unsent email has waited {minutes} minutes.");
    }
}
