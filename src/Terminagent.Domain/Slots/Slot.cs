using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>
/// One unit of an office's schedule: a start, a length and as many places as counters are open.
/// <see cref="Taken"/> counts bookings and holds; the database refuses any change that would let it
/// exceed <see cref="Capacity"/>, unless a schedule change already did and staff must review it.
/// </summary>
public sealed class Slot
{
    // EF Core materialises rows through this constructor too; code plans slots with FromPlan.
    private Slot(string officeId)
    {
        OfficeId = officeId;
    }

    public long Id { get; private init; }
    public string OfficeId { get; private init; }
    public LocalDate Date { get; private set; }
    public Instant Start { get; private init; }
    public Instant End { get; private set; }
    public int Capacity { get; private set; }

    /// <summary>Places kept back until the same-day release.</summary>
    public int HeldBack { get; private set; }

    /// <summary>
    /// Counted up and down in the database only (SlotCapacity's conditional updates). The setter
    /// is public only for the domain's tests, which put slots in any state; no code sets it.
    /// </summary>
    public int Taken { get; set; }

    public Instant ReleasedAt { get; private set; }
    public Instant SameDayReleaseAt { get; private set; }

    /// <summary>The schedule no longer has this slot, but bookings in it keep it alive.</summary>
    public bool IsWithdrawn { get; private set; }

    /// <summary>
    /// A change of opening hours, counters or closed days left this slot with more bookings than
    /// places (or none at all): its bookings stay, and staff are shown them to decide.
    /// </summary>
    public bool NeedsReview { get; private set; }

    /// <summary>A new slot of the schedule, nothing taken yet.</summary>
    public static Slot FromPlan(PlannedSlot plan)
    {
        var slot = new Slot(plan.OfficeId) { Start = plan.Start };
        slot.FollowPlan(plan);
        return slot;
    }

    /// <summary>
    /// A slot as a row of the slot table holds it, for code that works on rows it did not plan
    /// (the tests of the free-time search and the release rule): no rule of the schedule applies.
    /// </summary>
    public static Slot AsStored(long id, PlannedSlot plan, int taken = 0, bool isWithdrawn = false) =>
        new(plan.OfficeId)
        {
            Id = id,
            Date = plan.Date,
            Start = plan.Start,
            End = plan.End,
            Capacity = plan.Capacity,
            HeldBack = plan.HeldBack,
            Taken = taken,
            ReleasedAt = plan.ReleasedAt,
            SameDayReleaseAt = plan.SameDayReleaseAt,
            IsWithdrawn = isWithdrawn,
        };

    /// <summary>
    /// Takes the schedule's plan for this slot's office and start (a change of hours, counters or
    /// release times): a withdrawn slot comes back, and one left with more bookings than places
    /// needs review. Returns whether anything changed.
    /// </summary>
    public bool FollowPlan(PlannedSlot plan)
    {
        if (plan.OfficeId != OfficeId || plan.Start != Start)
        {
            throw new ArgumentException($"The plan is for {plan.OfficeId} at {plan.Start}, not {OfficeId} at {Start}.", nameof(plan));
        }

        var before = (Date, End, Capacity, HeldBack, ReleasedAt, SameDayReleaseAt, IsWithdrawn, NeedsReview);
        Date = plan.Date;
        End = plan.End;
        Capacity = plan.Capacity;
        HeldBack = plan.HeldBack;
        ReleasedAt = plan.ReleasedAt;
        SameDayReleaseAt = plan.SameDayReleaseAt;
        IsWithdrawn = false;
        NeedsReview = Taken > Capacity;
        return before != (Date, End, Capacity, HeldBack, ReleasedAt, SameDayReleaseAt, IsWithdrawn, NeedsReview);
    }

    /// <summary>
    /// True when the slot already is what <see cref="FollowPlan"/> would make of it, so that planning
    /// again need not touch its row.
    /// </summary>
    public bool Follows(PlannedSlot plan) =>
        plan.OfficeId == OfficeId && plan.Start == Start
        && (Date, End, Capacity, HeldBack, ReleasedAt, SameDayReleaseAt, IsWithdrawn, NeedsReview)
            == (plan.Date, plan.End, plan.Capacity, plan.HeldBack, plan.ReleasedAt, plan.SameDayReleaseAt, false, Taken > plan.Capacity);

    /// <summary>
    /// The schedule dropped this slot, but bookings keep it: it offers no place any more, and staff
    /// review its bookings. Returns false when it was withdrawn already.
    /// </summary>
    public bool Withdraw()
    {
        if (IsWithdrawn)
        {
            return false;
        }

        IsWithdrawn = true;
        NeedsReview = true;
        Capacity = 0;
        HeldBack = 0;
        return true;
    }
}
