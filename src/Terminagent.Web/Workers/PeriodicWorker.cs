using Microsoft.Extensions.Options;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Off in tests, which drive each round themselves with a fake clock.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Runs one round of background work, waits on the injected clock, and runs the next, until the
/// app stops. A failed round is logged and retried; every round is safe to run on several
/// instances at once, because the database arbitrates what each may change.
/// </summary>
public abstract partial class PeriodicWorker(Clock clock, IOptions<WorkerOptions> options, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, GetType().Name, e);
            }

            try
            {
                await Task.Delay(Interval, clock.Provider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} round failed; trying again after the pause")]
    private static partial void LogRoundFailed(ILogger logger, string worker, Exception exception);
}
