using Microsoft.Extensions.Options;
using Terminagent.Web.Email;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Sends due outbox rows, then waits <see cref="MailOptions.PollSeconds"/>, until the app stops.</summary>
public sealed partial class OutboxWorker(
    OutboxSender sender,
    Clock clock,
    IOptions<MailOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
            }

            try
            {
                await Task.Delay(pause, clock.Provider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Failures of single messages are handled by the sender; what reaches here is the database or a bug.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; trying again after the pause")]
    private partial void LogRoundFailed(Exception exception);
}
