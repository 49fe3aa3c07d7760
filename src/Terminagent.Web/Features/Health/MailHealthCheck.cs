using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Terminagent.Engine.Email;

namespace Terminagent.Web.Features.Health;

/// <summary>
/// Whether mail can leave: the SMTP relay answers (connect, EHLO, NOOP, no message sent), or the
/// pickup folder takes a file. Down is Degraded, not Unhealthy: bookings go on and the outbox
/// sends later.
/// </summary>
public sealed class MailHealthCheck(IOptions<MailOptions> options, FolderMailTransport folder) : IHealthCheck
{
    public static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var mail = options.Value;
        return mail.Transport == MailTransportKind.Smtp
            ? await CheckSmtpAsync(mail.Smtp, cancellationToken)
            : CheckFolder();
    }

    private static async Task<HealthCheckResult> CheckSmtpAsync(SmtpOptions smtp, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SmtpTimeout);
        using var client = new SmtpClient { Timeout = (int)SmtpTimeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, timeout.Token);
            await client.NoOpAsync(timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return HealthCheckResult.Healthy("The SMTP relay answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The relay's address is configuration, not personal data; the exception text may hold more, so it stays out.
            return HealthCheckResult.Degraded($"The SMTP relay {smtp.Host}:{smtp.Port} does not answer ({ex.GetType().Name}); emails wait in the outbox.");
        }
    }

    private HealthCheckResult CheckFolder()
    {
        try
        {
            Directory.CreateDirectory(folder.Folder);
            var probe = Path.Combine(folder.Folder, $".health-{Guid.NewGuid():N}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return HealthCheckResult.Healthy("The mail folder is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Degraded($"The mail folder cannot be written ({ex.GetType().Name}); emails wait in the outbox.");
        }
    }
}
