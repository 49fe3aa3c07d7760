using NodaTime;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

/// <summary>How a slot follows the schedule's plan, and how it is withdrawn when the plan drops it.</summary>
public class SlotTests
{
    private static readonly LocalDate WinterWednesday = new(2026, 1, 14);

    private static PlannedSlot Plan(int counters = 3) =>
        SlotPlanner.PlanDay(Office(Weekdays, [Period(8, 0, 9, 0, counters)]), WinterWednesday, Quarter)[0];

    [Fact]
    public void FromPlan_IsTheSlotAsPlanned_NothingTaken()
    {
        var plan = Plan();

        var slot = Slot.FromPlan(plan);

        Assert.Equal(
            (plan.OfficeId, plan.Date, plan.Start, plan.End, plan.Capacity, plan.HeldBack, plan.ReleasedAt, plan.SameDayReleaseAt),
            (slot.OfficeId, slot.Date, slot.Start, slot.End, slot.Capacity, slot.HeldBack, slot.ReleasedAt, slot.SameDayReleaseAt));
        Assert.Equal(0, slot.Taken);
        Assert.False(slot.IsWithdrawn);
        Assert.False(slot.NeedsReview);
    }

    [Fact]
    public void FollowPlan_Unchanged_ReportsNoChange()
    {
        var slot = Slot.FromPlan(Plan());

        Assert.False(slot.FollowPlan(Plan()));
    }

    [Fact]
    public void FollowPlan_WithMoreCounters_TakesTheirPlaces()
    {
        var slot = Slot.FromPlan(Plan(counters: 2));

        Assert.True(slot.FollowPlan(Plan(counters: 4)));

        Assert.Equal(4, slot.Capacity);
        Assert.False(slot.NeedsReview);
    }

    [Fact]
    public void FollowPlan_WithFewerPlacesThanTaken_NeedsReview()
    {
        var slot = Slot.FromPlan(Plan(counters: 3));
        slot.Taken = 3;

        Assert.True(slot.FollowPlan(Plan(counters: 2)));

        Assert.Equal(2, slot.Capacity);
        Assert.True(slot.NeedsReview);
    }

    [Fact]
    public void FollowPlan_OfAWithdrawnSlot_BringsItBack()
    {
        var slot = Slot.FromPlan(Plan());
        slot.Taken = 1;
        slot.Withdraw();

        Assert.True(slot.FollowPlan(Plan()));

        Assert.False(slot.IsWithdrawn);
        Assert.False(slot.NeedsReview);
        Assert.Equal(3, slot.Capacity);
    }

    [Fact]
    public void Follows_IsTrueExactlyWhenFollowPlanWouldChangeNothing()
    {
        var slot = Slot.FromPlan(Plan(counters: 3));
        slot.Taken = 3;
        Assert.True(slot.Follows(Plan(counters: 3)));
        Assert.False(slot.Follows(Plan(counters: 4)));
        Assert.False(slot.Follows(Plan(counters: 2)));
        Assert.False(slot.Follows(Plan() with { OfficeId = "nord" }));

        // Left with more bookings than places, it follows once it is marked for review.
        slot.FollowPlan(Plan(counters: 2));
        Assert.True(slot.Follows(Plan(counters: 2)));

        slot.Withdraw();
        Assert.False(slot.Follows(Plan(counters: 2)));
        Assert.True(slot.FollowPlan(Plan(counters: 2)));
        Assert.True(slot.Follows(Plan(counters: 2)));
    }

    [Fact]
    public void FollowPlan_OfAnotherStart_IsRefused()
    {
        var slot = Slot.FromPlan(Plan());
        var later = Plan() with { Start = Plan().Start + Quarter, End = Plan().End + Quarter };

        Assert.Throws<ArgumentException>(() => slot.FollowPlan(later));
    }

    [Fact]
    public void FollowPlan_OfAnotherOffice_IsRefused()
    {
        var slot = Slot.FromPlan(Plan());

        Assert.Throws<ArgumentException>(() => slot.FollowPlan(Plan() with { OfficeId = "nord" }));
    }

    [Fact]
    public void Withdraw_WithBookingsLeft_OffersNoPlace_AndNeedsReview()
    {
        var slot = Slot.FromPlan(Plan());
        slot.Taken = 2;

        Assert.True(slot.Withdraw());

        Assert.True(slot.IsWithdrawn);
        Assert.True(slot.NeedsReview);
        Assert.Equal((0, 0, 2), (slot.Capacity, slot.HeldBack, slot.Taken));
        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, slot.ReleasedAt));
    }

    [Fact]
    public void Withdraw_Again_ReportsNoChange()
    {
        var slot = Slot.FromPlan(Plan());
        slot.Withdraw();

        Assert.False(slot.Withdraw());
    }

    [Fact]
    public void AsStored_IsTheRowAsGiven()
    {
        var plan = Plan();

        var slot = Slot.AsStored(17, plan, taken: 2, isWithdrawn: true);

        Assert.Equal((17L, 2, true, plan.Capacity), (slot.Id, slot.Taken, slot.IsWithdrawn, slot.Capacity));
        Assert.False(slot.NeedsReview);
    }
}
