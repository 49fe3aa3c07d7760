using Microsoft.Extensions.Options;
using Terminagent.Web.Time;
using Terminagent.Web.Workers;

namespace Terminagent.Web.Features.Abuse;

/// <summary>Removes spent challenges and rate counters once their time is over, every five minutes.</summary>
public sealed class AbuseCleanupWorker(
    IServiceScopeFactory scopes, Clock clock, IOptions<WorkerOptions> options, ILogger<AbuseCleanupWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    private readonly Clock clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.Now;
        await scope.ServiceProvider.GetRequiredService<Challenges>().PurgeAsync(now, ct);
        await scope.ServiceProvider.GetRequiredService<IRateCounters>().PurgeAsync(now, ct);
    }
}
