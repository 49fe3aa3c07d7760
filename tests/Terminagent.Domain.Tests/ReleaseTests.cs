using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public class ReleaseTests
{
    private static readonly LocalDate WinterWednesday = new(2026, 1, 14);
    private static readonly Duration Tick = Duration.Epsilon;

    [Fact]
    public void DefaultPolicy_ReleasesAt0900TwentyOneDaysAhead_AndSameDayAt0700WithATwentyPercentShare()
    {
        var policy = ReleasePolicy.Default;

        Assert.Equal(new LocalTime(9, 0), policy.AdvanceReleaseTime);
        Assert.Equal(21, policy.AdvanceLeadDays);
        Assert.Equal(new LocalTime(7, 0), policy.SameDayReleaseTime);
        Assert.Equal(20, policy.SameDaySharePercent);
    }

    [Fact]
    public void AdvanceRelease_InWinter_Is0900LocalTwentyOneDaysBefore()
    {
        var slot = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter)[0];

        // 2025-12-24 09:00 CET
        Assert.Equal(Instant.FromUtc(2025, 12, 24, 8, 0), slot.ReleasedAt);
    }

    [Fact]
    public void AdvanceRelease_InSummer_Is0900LocalTwentyOneDaysBefore()
    {
        var slot = SlotPlanner.PlanDay(Morning(), new LocalDate(2026, 7, 15), Quarter)[0];

        // 2026-06-24 09:00 CEST
        Assert.Equal(Instant.FromUtc(2026, 6, 24, 7, 0), slot.ReleasedAt);
    }

    [Fact]
    public void SameDayRelease_InWinter_Is0700LocalOnTheDay()
    {
        var slot = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 1, 14, 6, 0), slot.SameDayReleaseAt);
    }

    [Fact]
    public void SameDayRelease_InSummer_Is0700LocalOnTheDay()
    {
        var slot = SlotPlanner.PlanDay(Morning(), new LocalDate(2026, 7, 15), Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 7, 15, 5, 0), slot.SameDayReleaseAt);
    }

    [Fact]
    public void OfficesOwnPolicy_SetsItsReleaseTimes()
    {
        var policy = new ReleasePolicy(new LocalTime(8, 30), 14, new LocalTime(7, 45), 20);

        var slot = SlotPlanner.PlanDay(Morning(policy), WinterWednesday, Quarter)[0];

        Assert.Equal(Instant.FromUtc(2025, 12, 31, 7, 30), slot.ReleasedAt);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 6, 45), slot.SameDayReleaseAt);
    }

    [Fact]
    public void BookableCapacity_OneTickBeforeRelease_IsZero()
    {
        var slot = HeldBackSlot();

        Assert.Equal(0, slot.BookableCapacity(slot.ReleasedAt - Tick));
    }

    [Fact]
    public void BookableCapacity_AtRelease_IsCapacityLessHeldBack()
    {
        var slot = HeldBackSlot();

        Assert.Equal(slot.Capacity - slot.HeldBack, slot.BookableCapacity(slot.ReleasedAt));
    }

    [Fact]
    public void BookableCapacity_OneTickBeforeSameDayRelease_IsStillCapacityLessHeldBack()
    {
        var slot = HeldBackSlot();

        Assert.Equal(slot.Capacity - slot.HeldBack, slot.BookableCapacity(slot.SameDayReleaseAt - Tick));
    }

    [Fact]
    public void BookableCapacity_From0700OnTheDay_IsFullCapacity()
    {
        var slot = HeldBackSlot();

        Assert.Equal(Instant.FromUtc(2026, 1, 14, 6, 0), slot.SameDayReleaseAt);
        Assert.Equal(slot.Capacity, slot.BookableCapacity(slot.SameDayReleaseAt));
        Assert.Equal(slot.Capacity, slot.BookableCapacity(slot.Start - Tick));
    }

    [Fact]
    public void BookableCapacity_FromTheSlotsStartOn_IsZero()
    {
        var slot = HeldBackSlot();

        Assert.Equal(0, slot.BookableCapacity(slot.Start));
        Assert.Equal(0, slot.BookableCapacity(slot.End));
        Assert.Equal(0, slot.BookableCapacity(slot.End + Duration.FromDays(1)));
    }

    [Fact]
    public void BookableCapacity_WithoutHeldBackPlaces_IsFullFromAdvanceRelease()
    {
        var slot = SlotPlanner.PlanDay(Morning(WithSameDayShare(0)), WinterWednesday, Quarter)[0].ToSlot();

        Assert.Equal(3, slot.BookableCapacity(slot.ReleasedAt));
    }

    [Fact]
    public void BookableCapacity_WithEverythingHeldBack_IsZeroUntilSameDayRelease()
    {
        var slot = SlotPlanner.PlanDay(Morning(WithSameDayShare(100)), WinterWednesday, Quarter)[0].ToSlot();

        Assert.Equal(0, slot.BookableCapacity(slot.ReleasedAt));
        Assert.Equal(0, slot.BookableCapacity(slot.SameDayReleaseAt - Tick));
        Assert.Equal(3, slot.BookableCapacity(slot.SameDayReleaseAt));
    }

    [Fact]
    public void WithdrawnSlot_OffersNothing()
    {
        var slot = HeldBackSlot(withdrawn: true);
        Instant[] moments = [slot.ReleasedAt - Tick, slot.ReleasedAt, slot.SameDayReleaseAt, slot.Start - Tick];

        Assert.All(
            moments,
            now =>
            {
                Assert.Equal(0, slot.BookableCapacity(now));
                Assert.Equal(0, slot.FreePlaces(now));
            });
    }

    [Fact]
    public void FreePlaces_AreBookableCapacityLessTaken()
    {
        var slot = HeldBackSlot();
        slot.Taken = 1;

        Assert.Equal(slot.Capacity - slot.HeldBack - 1, slot.FreePlaces(slot.ReleasedAt));
        Assert.Equal(slot.Capacity - 1, slot.FreePlaces(slot.SameDayReleaseAt));
    }

    [Fact]
    public void FreePlaces_WhenPublicShareIsTaken_AreOnlyTheHeldBackOnesAfterSameDayRelease()
    {
        var slot = HeldBackSlot();
        slot.Taken = slot.Capacity - slot.HeldBack;

        Assert.Equal(0, slot.FreePlaces(slot.SameDayReleaseAt - Tick));
        Assert.Equal(slot.HeldBack, slot.FreePlaces(slot.SameDayReleaseAt));
    }

    [Fact]
    public void FreePlaces_WhenOverbooked_AreZeroNotNegative()
    {
        var slot = HeldBackSlot();
        slot.Taken = slot.Capacity + 2;

        Assert.Equal(0, slot.FreePlaces(slot.SameDayReleaseAt));
    }

    /// <summary>The last slot of a winter morning at 20%: three places, one held back.</summary>
    private static Slot HeldBackSlot(bool withdrawn = false)
    {
        var slot = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter)[^1].ToSlot(withdrawn: withdrawn);
        Assert.Equal(3, slot.Capacity);
        Assert.Equal(1, slot.HeldBack);
        return slot;
    }
}
