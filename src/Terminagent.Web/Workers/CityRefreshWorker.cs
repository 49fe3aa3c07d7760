using Microsoft.Extensions.Options;
using Terminagent.Web.Configuration;
using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>
/// Takes city settings another instance saved, so every instance serves the same hours within
/// seconds, and brings the slots in line with them at once rather than on the next planning round.
/// </summary>
public sealed class CityRefreshWorker(CityCatalog catalog, ScheduleSync sync, Clock clock, IOptions<WorkerOptions> options, ILogger<CityRefreshWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        if (await catalog.RefreshAsync(ct))
        {
            await sync.SyncAsync(ct);
        }
    }
}
