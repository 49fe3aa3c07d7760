using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>
/// Plans slots ahead of the release horizon every ten minutes. Two instances planning at once
/// collide on the unique (office, start) index; the loser's round fails and the next one repairs it.
/// </summary>
public sealed class ScheduleWorker(ScheduleSync sync, Clock clock, IOptions<WorkerOptions> options, ILogger<ScheduleWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override Task RunOnceAsync(CancellationToken ct) => sync.SyncAsync(ct);
}
