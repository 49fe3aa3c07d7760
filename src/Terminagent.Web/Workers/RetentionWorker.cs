using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Privacy;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Removes personal data past its retention period, once an hour.</summary>
public sealed class RetentionWorker(
    IServiceScopeFactory scopes, Clock clock, IOptions<WorkerOptions> options, ILogger<RetentionWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    private readonly Clock clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Retention>().PurgeAsync(clock.Now, ct);
    }
}
