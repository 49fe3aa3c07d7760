using NodaTime;

namespace Terminagent.Domain.Agent;

public enum OfferStatus
{
    Open = 0,
    Accepted = 1,
    Declined = 2,

    /// <summary>Not answered by the deadline.</summary>
    Lapsed = 3,
}

/// <summary>One slot run held for one wish until a deadline.</summary>
public sealed class Offer
{
    public Guid Id { get; set; }
    public Guid WishId { get; set; }
    public required string ServiceId { get; set; }
    public required string OfficeId { get; set; }
    public Instant Start { get; set; }
    public Instant End { get; set; }
    public Instant OfferedAt { get; set; }
    public Instant Deadline { get; set; }
    public OfferStatus Status { get; set; }
    public Instant? AnsweredAt { get; set; }
    public Guid? BookingId { get; set; }

    /// <summary>Why the agent made the offer: a freed place or a release share; for statistics.</summary>
    public OfferSource Source { get; set; }

    public List<OfferSlot> Slots { get; set; } = [];

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
    public Guid OfferId { get; set; }
    public long SlotId { get; set; }
}
