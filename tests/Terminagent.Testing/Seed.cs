using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Email;

namespace Terminagent.Testing;

/// <summary>
/// Rows a test writes straight into the database, bypassing the engine (a release already run, a
/// slot without a schedule, an outbox row). Bookings, wishes and visits of a past come from
/// <see cref="History"/>, through the entities' own factories; everything else goes through the
/// engine's services.
/// </summary>
public static class Seed
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>A slot of <paramref name="capacity"/> places, released and bookable from the start of time.</summary>
    public static Slot Slot(string officeId, Instant start, Duration length, int capacity) =>
        Domain.Slots.Slot.FromPlan(new PlannedSlot(officeId, start.InZone(Berlin).Date, start, start + length, capacity, 0, default, default));

    /// <summary>The record that the agent has taken its share of one release of one office's day.</summary>
    public static ReleaseRun ReleaseRun(string officeId, LocalDate date, ReleaseKind kind, Instant ranAt) => new()
    {
        OfficeId = officeId,
        Date = date,
        Kind = kind,
        RanAt = ranAt,
    };

    /// <summary>An outbox row as the engine writes one, with a calendar attachment, due at once.</summary>
    public static OutboxMessage OutboxRow(
        string subject, string body, string toAddress = "erika.mustermann@example.org", string toName = "Erika Mustermann")
    {
        var now = Instant.FromUtc(2026, 11, 30, 9, 0);
        var id = Guid.NewGuid();
        return new OutboxMessage
        {
            Id = id,
            MessageId = $"{id:N}@terminagent",
            ToAddress = toAddress,
            ToName = toName,
            Subject = subject,
            TextBody = body,
            AttachmentName = "termin.ics",
            AttachmentContentType = CalendarFile.ContentType,
            AttachmentContent = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
