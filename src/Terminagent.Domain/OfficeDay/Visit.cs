using NodaTime;
using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.OfficeDay;

public enum VisitKind
{
    /// <summary>An appointment holder who checked in.</summary>
    Appointment = 1,

    /// <summary>A walk-in with a ticket from the kiosk.</summary>
    Ticket = 2,
}

public enum VisitStatus
{
    /// <summary>In the queue, waiting to be called.</summary>
    Waiting = 0,

    /// <summary>Called to a counter, being served.</summary>
    Called = 1,

    Served = 2,

    /// <summary>Called, but did not come.</summary>
    NoShow = 3,

    /// <summary>Set aside by a clerk (a document missing, say) until called again.</summary>
    Parked = 4,
}

public enum VisitOutcome
{
    Done,

    /// <summary>Someone else acted first: the visit is no longer in the state the action needs.</summary>
    NotPossible,
}

/// <summary>
/// A citizen in today's queue of an office: an appointment holder from check-in, or a ticket
/// holder from the moment the ticket was drawn. Waiting time is from arrival to the first call.
/// </summary>
public sealed class Visit
{
    // EF Core materialises rows through this constructor too; everything else is set by the factories.
    private Visit(Guid id, string officeId, string label, string serviceId)
    {
        Id = id;
        OfficeId = officeId;
        Label = label;
        ServiceId = serviceId;
    }

    public Guid Id { get; private init; }
    public string OfficeId { get; private init; }
    public LocalDate Day { get; private init; }
    public VisitKind Kind { get; private init; }
    public Guid? BookingId { get; private init; }
    public Guid? TicketId { get; private init; }

    /// <summary>What the call display shows: the ticket number or the booking code.</summary>
    public string Label { get; private init; }

    public string ServiceId { get; private init; }

    /// <summary>The appointment's start, or the start of the slot a ticket took: the queue's order.</summary>
    public Instant DueAt { get; private init; }

    public Instant ArrivedAt { get; private init; }
    public VisitStatus Status { get; private set; }

    /// <summary>The counter it was last called to.</summary>
    public string? Counter { get; private set; }

    public Instant? FirstCalledAt { get; private set; }
    public Instant? CalledAt { get; private set; }
    public int CallCount { get; private set; }
    public Instant? FinishedAt { get; private set; }

    /// <summary>A walk-in queues the moment they draw their ticket, due when the slot it took starts.</summary>
    public static Visit ForTicket(Ticket ticket) =>
        new(Guid.CreateVersion7(ticket.IssuedAt.ToDateTimeOffset()), ticket.OfficeId, ticket.Label, ticket.ServiceId)
        {
            Day = ticket.Day,
            Kind = VisitKind.Ticket,
            TicketId = ticket.Id,
            DueAt = ticket.DueAt,
            ArrivedAt = ticket.IssuedAt,
            Status = VisitStatus.Waiting,
        };

    /// <summary>
    /// An appointment holder checked in on <paramref name="day"/> (the office's date) at
    /// <paramref name="now"/>: only a confirmed booking checks in (see <see cref="Booking.CheckInProblemAt"/>).
    /// </summary>
    public static Visit ForAppointment(Booking booking, LocalDate day, Instant now)
    {
        if (booking.Status != BookingStatus.Confirmed)
        {
            throw new InvalidOperationException($"Only a confirmed booking checks in; this one is {booking.Status}.");
        }

        return new(Guid.CreateVersion7(now.ToDateTimeOffset()), booking.OfficeId, booking.Code, booking.ServiceId)
        {
            Day = day,
            Kind = VisitKind.Appointment,
            BookingId = booking.Id,
            DueAt = booking.Start,
            ArrivedAt = now,
            Status = VisitStatus.Waiting,
        };
    }

    public const int MaxCounterLength = 40;

    public Duration? WaitingTime => FirstCalledAt - ArrivedAt;

    public bool IsOpen => Status is VisitStatus.Waiting or VisitStatus.Called or VisitStatus.Parked;

    /// <summary>Calls a waiting or parked citizen to the counter.</summary>
    public VisitOutcome Call(string counter, Instant now)
    {
        if (Status is not (VisitStatus.Waiting or VisitStatus.Parked))
        {
            return VisitOutcome.NotPossible;
        }

        Status = VisitStatus.Called;
        Counter = counter;
        CalledAt = now;
        FirstCalledAt ??= now;
        CallCount++;
        return VisitOutcome.Done;
    }

    /// <summary>Calls again the citizen this counter called, who has not come yet.</summary>
    public VisitOutcome Recall(string counter, Instant now)
    {
        if (Status != VisitStatus.Called || Counter != counter)
        {
            return VisitOutcome.NotPossible;
        }

        CalledAt = now;
        CallCount++;
        return VisitOutcome.Done;
    }

    public VisitOutcome Serve(string counter, Instant now) => Finish(VisitStatus.Served, counter, now);

    public VisitOutcome MarkNoShow(string counter, Instant now) => Finish(VisitStatus.NoShow, counter, now);

    /// <summary>Sets the called citizen aside; any counter may call them again later.</summary>
    public VisitOutcome Park(string counter)
    {
        if (Status != VisitStatus.Called || Counter != counter)
        {
            return VisitOutcome.NotPossible;
        }

        Status = VisitStatus.Parked;
        return VisitOutcome.Done;
    }

    private VisitOutcome Finish(VisitStatus status, string counter, Instant now)
    {
        if (Status != VisitStatus.Called || Counter != counter)
        {
            return VisitOutcome.NotPossible;
        }

        Status = status;
        FinishedAt = now;
        return VisitOutcome.Done;
    }
}

/// <summary>One call shown on the call display: who, to which counter, when.</summary>
public sealed class CallAnnouncement
{
    // EF Core materialises rows through this constructor too; calls are announced with For.
    private CallAnnouncement(string officeId, string label, string counter)
    {
        OfficeId = officeId;
        Label = label;
        Counter = counter;
    }

    /// <summary>Increasing, so a display that reconnects asks for the calls after the last one it showed.</summary>
    public long Id { get; private init; }

    public string OfficeId { get; private init; }
    public Guid VisitId { get; private init; }
    public string Label { get; private init; }
    public string Counter { get; private init; }
    public Instant CalledAt { get; private init; }

    /// <summary>The display's line for a visit just called (or called again) to its counter.</summary>
    public static CallAnnouncement For(Visit visit, Instant now)
    {
        if (visit.Status != VisitStatus.Called || visit.Counter is null)
        {
            throw new InvalidOperationException($"Only a called visit is announced; this one is {visit.Status}.");
        }

        return new CallAnnouncement(visit.OfficeId, visit.Label, visit.Counter)
        {
            VisitId = visit.Id,
            CalledAt = now,
        };
    }
}

/// <summary>The order in which the queue is called: who is due first, then who came first.</summary>
public static class QueueOrder
{
    public static IOrderedEnumerable<Visit> Apply(IEnumerable<Visit> visits) =>
        visits.OrderBy(v => v.DueAt).ThenBy(v => v.ArrivedAt).ThenBy(v => v.Id);
}
