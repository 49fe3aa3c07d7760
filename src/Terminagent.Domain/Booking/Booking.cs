using NodaTime;

namespace Terminagent.Domain.Booking;

public enum BookingStatus
{
    /// <summary>A slot is held while the citizen confirms by email.</summary>
    Held = 0,
    Confirmed = 1,
    Cancelled = 2,

    /// <summary>The hold ran out unconfirmed.</summary>
    Expired = 3,
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
    public required string Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>"de" or "en": the language the citizen booked in, used for every email.</summary>
    public required string Language { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant? HoldExpiresAt { get; set; }
    public Instant? ConfirmedAt { get; set; }
    public Instant? CancelledAt { get; set; }

    /// <summary>When the retention period removed the citizen's name, email and phone.</summary>
    public Instant? AnonymisedAt { get; set; }

    /// <summary>Bumped on every change so calendar programs replace the old event.</summary>
    public int Sequence { get; set; }

    public List<BookingSlot> Slots { get; set; } = [];

    public bool OccupiesSlots => Status is BookingStatus.Held or BookingStatus.Confirmed;

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

        OfficeId = officeId;
        Start = start;
        End = end;
        Sequence++;
        return BookingOutcome.Done;
    }
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
