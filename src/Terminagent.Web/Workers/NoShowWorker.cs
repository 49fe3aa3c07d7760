using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Marks appointments nobody checked in for in time as no-shows.</summary>
public sealed class NoShowWorker(
    IServiceScopeFactory scopes, Clock clock, IOptions<WorkerOptions> options, ILogger<NoShowWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    private readonly Clock clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NoShowRule>().MarkDueAsync(clock.Now, ct);
    }
}
