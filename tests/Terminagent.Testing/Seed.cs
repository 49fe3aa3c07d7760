using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Email;

namespace Terminagent.Testing;

/// <summary>
/// Rows a test writes straight into the database, bypassing the engine (a walk-in the kiosk would
/// have queued, a release already run, a slot without a schedule). Every such construction lives
/// here, so a change to how entities are made touches this file only; everything else goes
/// through the engine's services.
/// </summary>
public static class Seed
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>A slot of <paramref name="capacity"/> places, released and bookable from the start of time.</summary>
    public static Slot Slot(string officeId, Instant start, Duration length, int capacity) => new()
    {
        OfficeId = officeId,
        Date = start.InZone(Berlin).Date,
        Start = start,
        End = start + length,
        Capacity = capacity,
    };

    /// <summary>A walk-in with ticket <paramref name="label"/> in today's queue at the office, waiting.</summary>
    public static Visit TicketVisit(string officeId, string label, string serviceId, Instant dueAt, Instant arrivedAt) => new()
    {
        Id = Guid.NewGuid(),
        OfficeId = officeId,
        Day = arrivedAt.InZone(Berlin).Date,
        Kind = VisitKind.Ticket,
        Label = label,
        ServiceId = serviceId,
        DueAt = dueAt,
        ArrivedAt = arrivedAt,
        Status = VisitStatus.Waiting,
    };

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
