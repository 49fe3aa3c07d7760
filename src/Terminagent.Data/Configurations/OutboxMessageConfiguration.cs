using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Data.Email;

namespace Terminagent.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.MessageId).HasMaxLength(200);
        message.HasIndex(m => m.MessageId).IsUnique();
        message.Property(m => m.ToAddress).HasMaxLength(254);
        message.Property(m => m.ToName).HasMaxLength(200);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.AttachmentName).HasMaxLength(100);
        message.Property(m => m.AttachmentContentType).HasMaxLength(100);
        message.Property(m => m.LeaseOwner).HasMaxLength(100);
        message.Property(m => m.CheckInCode).HasMaxLength(16);
        message.Property(m => m.Language).HasMaxLength(8).HasDefaultValue("de");
        message.Property(m => m.LastError).HasMaxLength(2000);

        // The sender's queue: only unsent rows, in the order they are claimed, so that a claim reads
        // fifty index entries however many emails wait (the first morning of a city: tens of thousands).
        // No other index may begin with SentAt: SQLite, which keeps no statistics here, would take
        // "SentAt IS NULL" for the narrower way in and sort every waiting row for each claim of fifty.
        message.HasIndex(m => new { m.NextAttemptAt, m.Id }, "IX_outbox_messages_Unsent").HasFilter("\"SentAt\" IS NULL");

        // The oldest unsent email (health, metrics) and unsent emails past the retention period.
        message.HasIndex(m => m.CreatedAt, "IX_outbox_messages_UnsentSince").HasFilter("\"SentAt\" IS NULL");

        // Sent emails past the retention period.
        message.HasIndex(m => m.SentAt, "IX_outbox_messages_Sent").HasFilter("\"SentAt\" IS NOT NULL");
    }
}
