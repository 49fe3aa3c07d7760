using NodaTime;

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
    public Guid Id { get; set; }
    public required string OfficeId { get; set; }
    public LocalDate Day { get; set; }
    public VisitKind Kind { get; set; }
    public Guid? BookingId { get; set; }
    public Guid? TicketId { get; set; }

    /// <summary>What the call display shows: the ticket number or the booking code.</summary>
    public required string Label { get; set; }

    public required string ServiceId { get; set; }

    /// <summary>The appointment's start, or the start of the slot a ticket took: the queue's order.</summary>
    public Instant DueAt { get; set; }

    public Instant ArrivedAt { get; set; }
    public VisitStatus Status { get; set; }

    /// <summary>The counter it was last called to.</summary>
    public string? Counter { get; set; }

    public Instant? FirstCalledAt { get; set; }
    public Instant? CalledAt { get; set; }
    public int CallCount { get; set; }
    public Instant? FinishedAt { get; set; }

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
    /// <summary>Increasing, so a display that reconnects asks for the calls after the last one it showed.</summary>
    public long Id { get; set; }

    public required string OfficeId { get; set; }
    public Guid VisitId { get; set; }
    public required string Label { get; set; }
    public required string Counter { get; set; }
    public Instant CalledAt { get; set; }
}

/// <summary>The order in which the queue is called: who is due first, then who came first.</summary>
public static class QueueOrder
{
    public static IOrderedEnumerable<Visit> Apply(IEnumerable<Visit> visits) =>
        visits.OrderBy(v => v.DueAt).ThenBy(v => v.ArrivedAt).ThenBy(v => v.Id);
}
