using NodaTime;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Rounds;

/// <summary>Runs the engine's rounds: one when a host's timer says so, or every one that is due.</summary>
public sealed class RoundRunner(IServiceScopeFactory scopes, EngineRounds rounds, Clock clock)
{
    private readonly Dictionary<string, Instant> lastRun = [];

    public IReadOnlyList<EngineRound> Rounds => rounds.All;

    /// <summary>Runs one round now, in a scope of its own, as the system.</summary>
    public async Task RunAsync(EngineRound round, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.Now;
        await round.RunAsync(scope.ServiceProvider, now, ct);
        lock (lastRun)
        {
            lastRun[round.Name] = now;
        }
    }

    /// <summary>
    /// Runs, in the list's order, every round whose interval has passed since this runner last ran
    /// it (all of them the first time): what the workers would have done by now.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var ran = 0;
        foreach (var round in rounds.All)
        {
            if (IsDue(round, clock.Now))
            {
                await RunAsync(round, ct);
                ran++;
            }
        }

        return ran;
    }

    private bool IsDue(EngineRound round, Instant now)
    {
        lock (lastRun)
        {
            return !lastRun.TryGetValue(round.Name, out var last) || now - last >= round.Interval;
        }
    }
}
