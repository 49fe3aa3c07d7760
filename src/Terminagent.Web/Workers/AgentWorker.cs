using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>
/// Every half minute: lapses offers past their deadline (passing their places on), takes the
/// agent's share of releases about to open, and ends wishes whose last day has passed.
/// </summary>
public sealed class AgentWorker(
    IServiceScopeFactory scopes, ReleaseAgent releases, Clock clock, IOptions<WorkerOptions> options, ILogger<AgentWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    private readonly Clock clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OfferService>().LapseDueOffersAsync(clock.Now, ct);
        }

        await releases.ProcessDueReleasesAsync(ct);

        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WishService>().ExpirePastWishesAsync(clock.Now, ct);
        }
    }
}
