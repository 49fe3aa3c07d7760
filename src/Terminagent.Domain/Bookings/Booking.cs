using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;

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

/// <summary>
/// An appointment: held while the citizen confirms by email, then binding until cancelled. It
/// begins as a hold (<see cref="Hold"/>), a caller's booking (<see cref="ForCaller"/>) or an
/// accepted offer (<see cref="FromOffer"/>) and changes only through its methods.
/// </summary>
public sealed class Booking
{
    private List<BookingSlot> slots = [];

    // EF Core materialises rows through this constructor too; everything else is set by the factories.
    private Booking(Guid id, string code, string officeId, string serviceId, string name, string language)
    {
        Id = id;
        Code = code;
        OfficeId = officeId;
        ServiceId = serviceId;
        Name = name;
        Language = language;
    }

    public Guid Id { get; private init; }

    /// <summary>Short code a citizen can read out or type, e.g. "K7M4-P2QX".</summary>
    public string Code { get; private set; }

    public string OfficeId { get; private set; }
    public string ServiceId { get; private init; }
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public BookingStatus Status { get; private set; }
    public string Name { get; private init; }
    /// <summary>None when an infoline caller gave no address: they keep the code read out to them.</summary>
    public string? Email { get; private init; }

    /// <summary>The email as <see cref="Contact.NormaliseEmail"/> makes it: how a person's bookings are found and counted.</summary>
    public string? NormalisedEmail { get; private init; }
    public string? Phone { get; private init; }

    /// <summary>The language the citizen booked in (de, en, tr, uk or ar), used for every email.</summary>
    public string Language { get; private init; }

    public Instant CreatedAt { get; private init; }
    public Instant? HoldExpiresAt { get; private set; }
    public Instant? ConfirmedAt { get; private set; }
    public Instant? CancelledAt { get; private set; }
    public Instant? NoShowAt { get; private set; }

    /// <summary>When the citizen was told that a change of the office's schedule left no room for this appointment.</summary>
    public Instant? ScheduleChangeNoticeAt { get; private set; }
    public BookingChannel Channel { get; private init; }

    /// <summary>When the retention period removed the citizen's name, email and phone (a set-based update, see PersonalData).</summary>
    public Instant? AnonymisedAt { get; private init; }

    /// <summary>Bumped on every change so calendar programs replace the old event.</summary>
    public int Sequence { get; private set; }

    public IReadOnlyList<BookingSlot> Slots => slots;

    /// <summary>
    /// A citizen's online booking, held until they confirm by email: for <paramref name="holdFor"/>,
    /// but never beyond the appointment's start, after which there is nothing left to confirm.
    /// </summary>
    public static Booking Hold(
        Office office, Service service, Instant start, Contact contact, string language, Duration holdFor, Instant now)
    {
        var booking = New(office, service, start, contact.Name, contact.Email, contact.Phone, language, BookingChannel.Online, now);
        booking.Status = BookingStatus.Held;
        booking.HoldExpiresAt = Instant.Min(now + holdFor, start);
        return booking;
    }

    /// <summary>A booking an infoline agent makes for a caller: confirmed at once, the caller agreed on the phone.</summary>
    public static Booking ForCaller(Office office, Service service, Instant start, CallerContact contact, string language, Instant now)
    {
        var booking = New(office, service, start, contact.Name, contact.Email, contact.Phone, language, BookingChannel.Infoline, now);
        booking.Status = BookingStatus.Confirmed;
        booking.ConfirmedAt = now;
        return booking;
    }

    /// <summary>
    /// The confirmed booking an accepted offer becomes, for the wish's citizen. It takes over the
    /// places the offer held, so no slot's count of taken places changes.
    /// </summary>
    public static Booking FromOffer(Offer offer, Wish wish, BookingChannel channel, Instant now)
    {
        if (offer.Status != OfferStatus.Accepted || offer.BookingId is not null)
        {
            throw new InvalidOperationException($"Only an accepted offer not yet booked becomes a booking; this one is {offer.Status}.");
        }

        if (offer.WishId != wish.Id)
        {
            throw new ArgumentException("The offer was made to another wish.", nameof(wish));
        }

        var booking = new Booking(NewId(now), BookingCode.New(), offer.OfficeId, offer.ServiceId, wish.Name, wish.Language)
        {
            Start = offer.Start,
            End = offer.End,
            Status = BookingStatus.Confirmed,
            Email = wish.Email,
            NormalisedEmail = string.IsNullOrEmpty(wish.NormalisedEmail) ? null : wish.NormalisedEmail,
            Phone = wish.Phone,
            CreatedAt = now,
            ConfirmedAt = now,
            Channel = channel,
        };
        booking.slots = offer.Slots.Select(s => new BookingSlot(booking.Id, s.SlotId)).ToList();
        return booking;
    }

    private static Booking New(
        Office office, Service service, Instant start, string name, string? email, string? phone, string language, BookingChannel channel, Instant now)
    {
        if (!service.OfficeIds.Contains(office.Id))
        {
            throw new ArgumentException($"The service {service.Id} is not offered at {office.Id}.", nameof(office));
        }

        return new Booking(NewId(now), BookingCode.New(), office.Id, service.Id, name, language)
        {
            Start = start,
            End = start + service.Duration,
            Email = email,
            NormalisedEmail = email is null ? null : Contact.NormaliseEmail(email),
            Phone = phone,
            CreatedAt = now,
            Channel = channel,
        };
    }

    private static Guid NewId(Instant now) => Guid.CreateVersion7(now.ToDateTimeOffset());

    /// <summary>
    /// Draws another code for a booking not saved yet, whose code an earlier booking was issued
    /// already: codes are random, so at a big city's size one in about a million draws repeats one.
    /// </summary>
    public void DrawNewCode() => Code = BookingCode.New();

    /// <summary>The slots a new booking takes; after that they change only with a move.</summary>
    public void OccupySlots(IEnumerable<long> slotIds)
    {
        if (slots.Count > 0)
        {
            throw new InvalidOperationException("The booking occupies its slots already.");
        }

        slots = slotIds.Select(id => new BookingSlot(Id, id)).ToList();
    }

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

    /// <summary>
    /// Moves a confirmed appointment to the run of slots <paramref name="slotIds"/>: slots it keeps
    /// stay, the others are swapped. The caller gives back and takes the places in the slots.
    /// </summary>
    public BookingOutcome MoveTo(string officeId, Instant start, Instant end, IReadOnlyCollection<long> slotIds, Instant now)
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
        slots.RemoveAll(s => !slotIds.Contains(s.SlotId));
        slots.AddRange(slotIds.Where(id => !slots.Any(s => s.SlotId == id)).Select(id => new BookingSlot(Id, id)).ToList());
        Sequence++;
        return BookingOutcome.Done;
    }

    /// <summary>
    /// Records that the citizen was told a change of the schedule left no room for the appointment;
    /// false when they were told already (until a move makes it news again).
    /// </summary>
    public bool RecordScheduleChangeNotice(Instant now)
    {
        if (ScheduleChangeNoticeAt is not null)
        {
            return false;
        }

        ScheduleChangeNoticeAt = now;
        return true;
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
    internal BookingSlot(Guid bookingId, long slotId)
    {
        BookingId = bookingId;
        SlotId = slotId;
    }

    public Guid BookingId { get; private init; }
    public long SlotId { get; private init; }
}
