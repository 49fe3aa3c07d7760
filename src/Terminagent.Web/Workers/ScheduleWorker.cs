using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Plans slots ahead of the release horizon: at start-up, then every ten minutes.</summary>
public sealed class ScheduleWorker(ScheduleSync sync, Clock clock, ILogger<ScheduleWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await sync.SyncAsync(stoppingToken);
                log.LogInformation("Schedule planned: {Added} slots added, {Updated} updated, {Removed} removed", result.Added, result.Updated, result.Removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Another instance planning at the same moment loses on the unique index; the next round repairs it.
                log.LogWarning(e, "Planning the schedule failed; trying again later");
            }

            await Task.Delay(Interval, clock.Provider, stoppingToken);
        }
    }
}
