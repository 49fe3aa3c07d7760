using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Email;

public sealed record EmailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// An email as a feature words it, before it becomes an outbox row. Without an address (an
/// infoline caller who gave none) there is nothing to send: the infoline tells them by phone.
/// </summary>
public sealed record EmailDraft(string? ToAddress, string ToName, string Subject, string TextBody, EmailAttachment? Attachment = null)
{
    /// <summary>A booking code to add as a QR code for the check-in at the office.</summary>
    public string? CheckInCode { get; init; }

    /// <summary>The language the email is written in (the booking's or wish's), sent as its Content-Language.</summary>
    public string Language { get; init; } = Languages.German;
}

public static class Outbox
{
    /// <summary>
    /// Adds the email to the context; it is written by the caller's SaveChanges, in the same
    /// transaction as the change it reports, or not at all.
    /// </summary>
    public static OutboxMessage? Enqueue(TerminagentDb db, EmailDraft draft, Instant now)
    {
        if (string.IsNullOrEmpty(draft.ToAddress))
        {
            return null;
        }

        var id = Guid.CreateVersion7(now.ToDateTimeOffset());
        var message = new OutboxMessage
        {
            Id = id,
            MessageId = $"{id:N}@terminagent",
            ToAddress = draft.ToAddress,
            ToName = draft.ToName,
            Subject = draft.Subject,
            TextBody = draft.TextBody,
            AttachmentName = draft.Attachment?.FileName,
            AttachmentContentType = draft.Attachment?.ContentType,
            AttachmentContent = draft.Attachment?.Content,
            CheckInCode = draft.CheckInCode,
            Language = Languages.Normalise(draft.Language),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
