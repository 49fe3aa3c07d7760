using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Terminagent.Engine.Email;

/// <summary>Sends through an SMTP relay, one connection per message.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, Func<Task> accepted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accepted);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.TimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Security), ct);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await accepted();
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception)
        {
            // The relay has accepted the message; failing now would only cause a duplicate.
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };
}
