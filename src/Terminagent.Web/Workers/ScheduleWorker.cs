using Microsoft.Extensions.Options;
using Terminagent.Web.Configuration;
using Terminagent.Web.Features.Administration;
using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>
/// Plans slots ahead of the release horizon every ten minutes. Two instances planning at once
/// collide on the unique (office, start) index; the loser's round fails and the next one repairs it.
/// </summary>
public sealed class ScheduleWorker(
    ScheduleSync sync, CityCatalog catalog, IServiceScopeFactory scopes, Clock clock, IOptions<WorkerOptions> options, ILogger<ScheduleWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await sync.SyncAsync(ct);

        // Citizens whose booking the schedule lost room for hear of it, also after a crash or a new city file.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScheduleChangeNotices>().InformAsync(catalog.Current, ct);
    }
}
