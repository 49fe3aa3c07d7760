using NodaTime;

namespace Terminagent.Domain.Bookings;

public enum BookingStatus
{
    /// <summary>A slot is held while the citizen confirms by email.</summary>
    Held = 0,
    Confirmed = 1,
    Cancelled = 2,

    /// <summary>The hold ran out unconfirmed.</summary>
    Expired = 3,

    /// <summary>Not checked in in time: the place stays taken, it is not sold again after the fact.</summary>
    NoShow = 4,
}

public enum BookingChannel
{
    /// <summary>By the citizen, on the website or the API, or by accepting an offer.</summary>
    Online = 0,

    /// <summary>By an infoline agent for a caller.</summary>
    Infoline = 1,
}

/// <summary>An appointment: held while the citizen confirms by email, then binding until cancelled.</summary>
public sealed class Booking
{
    public Guid Id { get; set; }

    /// <summary>Short code a citizen can read out or type, e.g. "K7M4-P2QX".</summary>
    public required string Code { get; set; }

    public required string OfficeId { get; set; }
    public required string ServiceId { get; set; }
    public Instant Start { get; set; }
    public Instant End { get; set; }
    public BookingStatus Status { get; set; }
    public required string Name { get; set; }
    /// <summary>None when an infoline caller gave no address: they keep the code read out to them.</summary>
    public string? Email { get; set; }

    /// <summary>The email as <see cref="Contact.NormaliseEmail"/> makes it: how a person's bookings are found and counted.</summary>
    public string? NormalisedEmail { get; set; }
    public string? Phone { get; set; }

    /// <summary>"de" or "en": the language the citizen booked in, used for every email.</summary>
    public required string Language { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant? HoldExpiresAt { get; set; }
    public Instant? ConfirmedAt { get; set; }
    public Instant? CancelledAt { get; set; }
    public Instant? NoShowAt { get; set; }

    /// <summary>When the citizen was told that a change of the office's schedule left no room for this appointment.</summary>
    public Instant? ScheduleChangeNoticeAt { get; set; }
    public BookingChannel Channel { get; set; }

    /// <summary>When the retention period removed the citizen's name, email and phone.</summary>
    public Instant? AnonymisedAt { get; set; }

    /// <summary>Bumped on every change so calendar programs replace the old event.</summary>
    public int Sequence { get; set; }

    public List<BookingSlot> Slots { get; set; } = [];

    public bool OccupiesSlots => Status is BookingStatus.Held or BookingStatus.Confirmed or BookingStatus.NoShow;

    public bool HoldHasLapsed(Instant now) => Status == BookingStatus.Held && HoldExpiresAt <= now;

    public BookingOutcome Confirm(Instant now)
    {
        if (Status == BookingStatus.Confirmed)
        {
            return BookingOutcome.AlreadyDone;
        }

        if (Status != BookingStatus.Held || HoldHasLapsed(now))
        {
            return BookingOutcome.Gone;
        }

        Status = BookingStatus.Confirmed;
        ConfirmedAt = now;
        HoldExpiresAt = null;
        return BookingOutcome.Done;
    }

    public BookingOutcome Cancel(Instant now)
    {
        if (Status is BookingStatus.Cancelled or BookingStatus.Expired)
        {
            return BookingOutcome.AlreadyDone;
        }

        if (now >= Start)
        {
            return BookingOutcome.TooLate;
        }

        Status = BookingStatus.Cancelled;
        CancelledAt = now;
        Sequence++;
        return BookingOutcome.Done;
    }

    public BookingOutcome Expire(Instant now)
    {
        if (!HoldHasLapsed(now))
        {
            return BookingOutcome.AlreadyDone;
        }

        Status = BookingStatus.Expired;
        return BookingOutcome.Done;
    }

    /// <summary>
    /// Marks a confirmed appointment nobody checked in for by <paramref name="deadline"/> (its start
    /// plus the office's grace period). Its places stay taken.
    /// </summary>
    public BookingOutcome MarkNoShow(Instant deadline, Instant now)
    {
        if (Status == BookingStatus.NoShow)
        {
            return BookingOutcome.AlreadyDone;
        }

        if (Status != BookingStatus.Confirmed || now < deadline)
        {
            return BookingOutcome.Gone;
        }

        Status = BookingStatus.NoShow;
        NoShowAt = now;
        return BookingOutcome.Done;
    }

    /// <summary>Whether the holder may check in at <paramref name="officeId"/> on <paramref name="today"/> (dates in the office's zone).</summary>
    public CheckInProblem? CheckInProblemAt(string officeId, LocalDate today, LocalDate appointmentDay) =>
        Status switch
        {
            BookingStatus.Cancelled => CheckInProblem.Cancelled,
            BookingStatus.Held or BookingStatus.Expired => CheckInProblem.NotConfirmed,
            BookingStatus.NoShow => CheckInProblem.TooLate,
            _ when officeId != OfficeId => CheckInProblem.OtherOffice,
            _ when appointmentDay != today => CheckInProblem.OtherDay,
            _ => null,
        };

    /// <summary>Moves a confirmed appointment; the caller swaps the slots it occupies.</summary>
    public BookingOutcome MoveTo(string officeId, Instant start, Instant end, Instant now)
    {
        if (Status != BookingStatus.Confirmed)
        {
            return BookingOutcome.Gone;
        }

        if (now >= Start)
        {
            return BookingOutcome.TooLate;
        }

        // The new time is one the schedule has room for; a later change would be news again.
        ScheduleChangeNoticeAt = null;
        OfficeId = officeId;
        Start = start;
        End = end;
        Sequence++;
        return BookingOutcome.Done;
    }
}

public enum CheckInProblem
{
    Cancelled,
    NotConfirmed,
    OtherOffice,
    OtherDay,

    /// <summary>Marked as not shown up: the grace period after the start had passed.</summary>
    TooLate,
}

public enum BookingOutcome
{
    Done,

    /// <summary>Asked twice: the first answer stands and nothing changes.</summary>
    AlreadyDone,

    /// <summary>The hold lapsed or the booking was cancelled: there is nothing left to act on.</summary>
    Gone,

    /// <summary>The appointment has begun or passed.</summary>
    TooLate,
}

/// <summary>One slot occupied by a booking; a long service occupies several back-to-back slots.</summary>
public sealed class BookingSlot
{
    public Guid BookingId { get; set; }
    public long SlotId { get; set; }
}
