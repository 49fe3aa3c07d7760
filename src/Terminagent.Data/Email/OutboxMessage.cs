using NodaTime;

namespace Terminagent.Data.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change it reports. The
/// Message-Id is fixed when the row is written, so a retry after a crash mid-send is recognisable
/// as the same message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string MessageId { get; set; }
    public required string ToAddress { get; set; }
    public required string ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentContent { get; set; }

    /// <summary>A booking code the sender adds as a QR code, to be scanned at the office's check-in.</summary>
    public string? CheckInCode { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public Instant? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The sender instance working on the row, until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }

    public Instant? LeaseUntil { get; set; }
}
