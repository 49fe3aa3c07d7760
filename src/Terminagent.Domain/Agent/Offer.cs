using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Agent;

public enum OfferStatus
{
    Open = 0,
    Accepted = 1,
    Declined = 2,

    /// <summary>Not answered by the deadline.</summary>
    Lapsed = 3,
}

/// <summary>One slot run held for one wish until a deadline. It is made with <see cref="Make"/> and ends by an answer or a lapse.</summary>
public sealed class Offer
{
    private List<OfferSlot> slots = [];

    // EF Core materialises rows through this constructor too; everything else is set by Make.
    private Offer(Guid id, string serviceId, string officeId)
    {
        Id = id;
        ServiceId = serviceId;
        OfficeId = officeId;
    }

    public Guid Id { get; private init; }
    public Guid WishId { get; private init; }
    public string ServiceId { get; private init; }
    public string OfficeId { get; private init; }
    public Instant Start { get; private init; }
    public Instant End { get; private init; }
    public Instant OfferedAt { get; private init; }
    public Instant Deadline { get; private init; }
    public OfferStatus Status { get; private set; }
    public Instant? AnsweredAt { get; private set; }
    public Guid? BookingId { get; private set; }

    /// <summary>Why the agent made the offer: a freed place or a release share; for statistics.</summary>
    public OfferSource Source { get; private init; }

    public IReadOnlyList<OfferSlot> Slots => slots;

    /// <summary>
    /// Offers a waiting wish the run of slots <paramref name="run"/> (whose places the caller has
    /// taken) for the service, open until <paramref name="deadline"/>. The caller marks the wish offered.
    /// </summary>
    public static Offer Make(Wish wish, Service service, IReadOnlyList<Slot> run, Instant deadline, OfferSource source, Instant now)
    {
        if (wish.Status != WishStatus.Waiting)
        {
            throw new InvalidOperationException($"Only a waiting wish is offered a place; this one is {wish.Status}.");
        }

        if (run.Count == 0)
        {
            throw new ArgumentException("An offer holds at least one slot.", nameof(run));
        }

        if (deadline <= now)
        {
            throw new ArgumentException("The deadline has passed already.", nameof(deadline));
        }

        var offer = new Offer(Guid.CreateVersion7(now.ToDateTimeOffset()), service.Id, run[0].OfficeId)
        {
            WishId = wish.Id,
            Start = run[0].Start,
            End = run[0].Start + service.Duration,
            OfferedAt = now,
            Deadline = deadline,
            Status = OfferStatus.Open,
            Source = source,
        };
        offer.slots = run.Select(s => new OfferSlot(offer.Id, s.Id)).ToList();
        return offer;
    }

    /// <summary>Points the accepted offer at the booking it became.</summary>
    public void RecordBooking(Booking booking)
    {
        if (Status != OfferStatus.Accepted || BookingId is not null)
        {
            throw new InvalidOperationException($"Only an accepted offer not yet booked records its booking; this one is {Status}.");
        }

        BookingId = booking.Id;
    }

    public OfferOutcome Accept(Instant now) => Answer(OfferStatus.Accepted, now);

    public OfferOutcome Decline(Instant now) => Answer(OfferStatus.Declined, now);

    public OfferOutcome Lapse(Instant now)
    {
        if (Status != OfferStatus.Open)
        {
            return OfferOutcome.AlreadyAnswered;
        }

        if (now < Deadline)
        {
            return OfferOutcome.NotYet;
        }

        Status = OfferStatus.Lapsed;
        AnsweredAt = now;
        return OfferOutcome.Done;
    }

    private OfferOutcome Answer(OfferStatus answer, Instant now)
    {
        if (Status == answer)
        {
            return OfferOutcome.AlreadyAnswered;
        }

        if (Status != OfferStatus.Open)
        {
            return OfferOutcome.Closed;
        }

        if (now >= Deadline)
        {
            return OfferOutcome.Expired;
        }

        Status = answer;
        AnsweredAt = now;
        return OfferOutcome.Done;
    }
}

public enum OfferSource
{
    FreedPlace = 0,
    AdvanceRelease = 1,
    SameDayRelease = 2,
    AddedCapacity = 3,
}

public enum OfferOutcome
{
    Done,
    AlreadyAnswered,
    Closed,
    Expired,
    NotYet,
}

public sealed class OfferSlot
{
    internal OfferSlot(Guid offerId, long slotId)
    {
        OfferId = offerId;
        SlotId = slotId;
    }

    public Guid OfferId { get; private init; }
    public long SlotId { get; private init; }
}
