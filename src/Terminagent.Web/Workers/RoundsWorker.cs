using Microsoft.Extensions.Options;
using Terminagent.Engine.Rounds;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Workers;

public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Off in tests, which drive each round themselves with a fake clock.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Hosts the engine's rounds (<see cref="EngineRounds"/>): each runs on its own timer on the
/// injected clock, until the app stops. A failed round is logged and tried again after its pause.
/// </summary>
public sealed partial class RoundsWorker(RoundRunner runner, Clock clock, IOptions<WorkerOptions> options, ILogger<RoundsWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? Task.WhenAll(runner.Rounds.Select(round => RepeatAsync(round, stoppingToken)))
            : Task.CompletedTask;

    private async Task RepeatAsync(EngineRound round, CancellationToken stoppingToken)
    {
        // Off the host's start-up path: every round starts on the thread pool.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunAsync(round, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, round.Name, e);
            }

            try
            {
                await Task.Delay(round.Interval.ToTimeSpan(), clock.Provider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Round {Round} failed; trying again after its pause")]
    private static partial void LogRoundFailed(ILogger logger, string round, Exception exception);
}
