using MimeKit;

namespace Terminagent.Web.Email;

/// <summary>Hands one finished message to the outside world; throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
