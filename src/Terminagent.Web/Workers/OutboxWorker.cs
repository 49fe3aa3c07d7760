using Microsoft.Extensions.Options;
using Terminagent.Web.Email;
using Terminagent.Web.Time;

namespace Terminagent.Web.Workers;

/// <summary>Sends due outbox rows every <see cref="MailOptions.PollSeconds"/>.</summary>
public sealed class OutboxWorker(
    OutboxSender sender, Clock clock, IOptions<MailOptions> mail, IOptions<WorkerOptions> options, ILogger<OutboxWorker> logger)
    : PeriodicWorker(clock, options, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(mail.Value.PollSeconds);

    protected override Task RunOnceAsync(CancellationToken ct) => sender.SendDueAsync(ct);
}
