using NodaTime;

namespace Terminagent.Data.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change it reports. The
/// Message-Id is fixed when the row is written, so a retry after a crash mid-send is recognisable
/// as the same message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string MessageId { get; init; }
    public required string ToAddress { get; init; }
    public required string ToName { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public string? AttachmentName { get; init; }
    public string? AttachmentContentType { get; init; }
    public string? AttachmentContent { get; init; }

    /// <summary>A booking code the sender adds as a QR code, to be scanned at the office's check-in.</summary>
    public string? CheckInCode { get; init; }

    /// <summary>The language the email is written in: its Content-Language, and right to left for Arabic.</summary>
    public string Language { get; init; } = "de";

    public Instant CreatedAt { get; init; }
    public Instant NextAttemptAt { get; init; }
    public int Attempts { get; init; }
    public Instant? SentAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>The sender instance working on the row, until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; init; }

    public Instant? LeaseUntil { get; init; }
}
