using MimeKit;

namespace Terminagent.Engine.Email;

/// <summary>Hands one finished message to the outside world; throws when it could not.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends the message and calls <paramref name="accepted"/> the moment the other side has taken
    /// it, before any closing exchange, so the sender can record it as sent with the least delay:
    /// a crash between acceptance and that record is the only way a message goes out twice.
    /// </summary>
    Task SendAsync(MimeMessage message, Func<Task> accepted, CancellationToken ct);
}
