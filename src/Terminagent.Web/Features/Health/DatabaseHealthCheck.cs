using Microsoft.Extensions.Diagnostics.HealthChecks;
using Terminagent.Data;

namespace Terminagent.Web.Features.Health;

public sealed class DatabaseHealthCheck(TerminagentDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
