using Terminagent.Web.Features.Booking;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Gives back the places of holds nobody confirmed in time.</summary>
public sealed class HoldExpiryWorker(IServiceScopeFactory scopes, Clock clock, ILogger<HoldExpiryWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
                var expired = await bookings.ExpireLapsedHoldsAsync(null, clock.Now, stoppingToken);
                if (expired > 0)
                {
                    log.LogInformation("{Count} unconfirmed holds lapsed", expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Expiring holds failed; trying again later");
            }

            await Task.Delay(Interval, clock.Provider, stoppingToken);
        }
    }
}
