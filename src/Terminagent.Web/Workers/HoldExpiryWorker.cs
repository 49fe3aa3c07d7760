using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Booking;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Gives back the places of holds nobody confirmed in time.</summary>
public sealed class HoldExpiryWorker(
    IServiceScopeFactory scopes, Clock clock, IOptions<WorkerOptions> options, ILogger<HoldExpiryWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    private readonly Clock clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookingService>().ExpireLapsedHoldsAsync(null, clock.Now, ct);
    }
}
