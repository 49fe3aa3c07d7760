using NodaTime;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public class SlotPlannerTests
{
    private static readonly LocalDate WinterWednesday = new(2026, 1, 14);
    private static readonly LocalDate SummerWednesday = new(2026, 7, 15);

    [Fact]
    public void Morning0800To1230WithThreeCounters_Gives18SlotsOfThree()
    {
        var slots = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter);

        Assert.Equal(18, slots.Count);
        Assert.All(slots, s => Assert.Equal(3, s.Capacity));
        Assert.All(slots, s => Assert.Equal(Quarter, s.End - s.Start));
        Assert.All(slots, s => Assert.Equal("mitte", s.OfficeId));
        Assert.All(slots, s => Assert.Equal(WinterWednesday, s.Date));
    }

    [Fact]
    public void WinterDay_SlotsAreUtcPlusOne()
    {
        var slots = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter);

        Assert.Equal(Instant.FromUtc(2026, 1, 14, 7, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 7, 15), slots[1].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 11, 15), slots[^1].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 11, 30), slots[^1].End);
    }

    [Fact]
    public void SummerDay_SlotsAreUtcPlusTwo()
    {
        var slots = SlotPlanner.PlanDay(Morning(), SummerWednesday, Quarter);

        Assert.Equal(18, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 7, 15, 6, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 7, 15, 10, 15), slots[^1].Start);
        Assert.Equal(Instant.FromUtc(2026, 7, 15, 10, 30), slots[^1].End);
    }

    [Fact]
    public void Slots_FollowOneAnotherWithoutGapOrOverlap()
    {
        var slots = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter);

        for (var i = 1; i < slots.Count; i++)
        {
            Assert.Equal(slots[i - 1].End, slots[i].Start);
        }
    }

    [Fact]
    public void TwoPeriods_GiveSlotsInEach_WithTheirOwnCounters_AndNoneInTheBreak()
    {
        // Given afternoon first on purpose: the planner orders periods itself.
        var office = Office(Weekdays, [Period(14, 0, 18, 0, 2), Period(8, 0, 12, 0, 3)]);

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        Assert.Equal(32, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 7, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 11, 0), slots[15].End);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 13, 0), slots[16].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 17, 0), slots[^1].End);
        Assert.All(slots.Take(16), s => Assert.Equal(3, s.Capacity));
        Assert.All(slots.Skip(16), s => Assert.Equal(2, s.Capacity));
        Assert.DoesNotContain(slots, s => s.LocalStart() >= new LocalTime(12, 0) && s.LocalStart() < new LocalTime(14, 0));
        Assert.Equal(slots.OrderBy(s => s.Start).Select(s => s.Start), slots.Select(s => s.Start));
    }

    [Fact]
    public void PeriodNotAMultipleOfTheSlotLength_DropsTheShortRemainder()
    {
        var office = Office(Weekdays, [Period(8, 0, 8, 40, 1)]);

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        Assert.Equal(2, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 1, 14, 7, 30), slots[^1].End);
    }

    [Fact]
    public void ClosedDay_GivesNoSlots()
    {
        var office = Morning(closedDays: [WinterWednesday]);

        Assert.Empty(SlotPlanner.PlanDay(office, WinterWednesday, Quarter));
        Assert.NotEmpty(SlotPlanner.PlanDay(office, WinterWednesday.PlusDays(1), Quarter));
    }

    [Fact]
    public void WeekdayWithoutHours_GivesNoSlots()
    {
        var saturday = new LocalDate(2026, 1, 17);

        Assert.Empty(SlotPlanner.PlanDay(Morning(), saturday, Quarter));
    }

    [Fact]
    public void PlanDays_CoversEveryOpenDayInTheRange_AndSkipsTheOthers()
    {
        var monday = new LocalDate(2026, 1, 12);
        var office = Morning(closedDays: [WinterWednesday]);

        var slots = SlotPlanner.PlanDays(office, monday, monday.PlusDays(6), Quarter).ToList();

        Assert.Equal(4 * 18, slots.Count);
        Assert.Equal(
            [monday, monday.PlusDays(1), monday.PlusDays(3), monday.PlusDays(4)],
            slots.Select(s => s.Date).Distinct());
        Assert.Equal(slots.OrderBy(s => s.Start).Select(s => s.Start), slots.Select(s => s.Start));
    }

    [Fact]
    public void PlanDays_WithFirstAfterLast_GivesNoSlots()
    {
        Assert.Empty(SlotPlanner.PlanDays(Morning(), WinterWednesday, WinterWednesday.PlusDays(-1), Quarter));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(50)]
    [InlineData(67)]
    [InlineData(99)]
    [InlineData(100)]
    public void HeldBack_SumsToTheRoundedShare_AndNeverExceedsASlotsCapacity(int percent)
    {
        var office = Office(
            Weekdays,
            [Period(8, 0, 12, 30, 3), Period(13, 0, 15, 0, 1), Period(15, 30, 18, 0, 5)],
            WithSameDayShare(percent));

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        var total = slots.Sum(s => s.Capacity);
        Assert.Equal((int)Math.Round(total * percent / 100m, MidpointRounding.AwayFromZero), slots.Sum(s => s.HeldBack));
        Assert.All(slots, s => Assert.InRange(s.HeldBack, 0, s.Capacity));
    }

    [Fact]
    public void HeldBack_AtZeroPercent_IsNothing()
    {
        var slots = SlotPlanner.PlanDay(Morning(WithSameDayShare(0)), WinterWednesday, Quarter);

        Assert.All(slots, s => Assert.Equal(0, s.HeldBack));
    }

    [Fact]
    public void HeldBack_AtHundredPercent_IsEverySlotsWholeCapacity()
    {
        var office = Office(Weekdays, [Period(8, 0, 10, 0, 3), Period(11, 0, 12, 0, 2)], WithSameDayShare(100));

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        Assert.All(slots, s => Assert.Equal(s.Capacity, s.HeldBack));
    }

    [Fact]
    public void HeldBack_HalfAPlace_RoundsUp()
    {
        // Ten places at 25% is 2.5 places.
        var office = Office(Weekdays, [Period(8, 0, 10, 30, 1)], WithSameDayShare(25));

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        Assert.Equal(10, slots.Sum(s => s.Capacity));
        Assert.Equal(3, slots.Sum(s => s.HeldBack));
    }

    [Fact]
    public void HeldBack_IsSpreadOverTheDay_NotPiledAtItsStart()
    {
        // 18 slots of 3 places at 20%: 11 of 54 places are held back.
        var slots = SlotPlanner.PlanDay(Morning(WithSameDayShare(20)), WinterWednesday, Quarter);

        var morning = slots.Take(9).Sum(s => s.HeldBack);
        var lateMorning = slots.Skip(9).Sum(s => s.HeldBack);
        Assert.Equal(11, morning + lateMorning);
        Assert.InRange(Math.Abs(morning - lateMorning), 0, 1);
        Assert.All(slots, s => Assert.InRange(s.HeldBack, 0, 1));
    }

    [Fact]
    public void HeldBack_OverTwoPeriods_FollowsTheirCapacity()
    {
        // 16 slots of 3 in the morning, 16 of 1 in the afternoon: 64 places, 16 held back at 25%.
        var office = Office(Weekdays, [Period(8, 0, 12, 0, 3), Period(13, 0, 17, 0, 1)], WithSameDayShare(25));

        var slots = SlotPlanner.PlanDay(office, WinterWednesday, Quarter);

        Assert.Equal(12, slots.Take(16).Sum(s => s.HeldBack));
        Assert.Equal(4, slots.Skip(16).Sum(s => s.HeldBack));
    }

    [Fact]
    public void EverySlotOfADay_SharesTheDaysReleaseTimes()
    {
        var slots = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter);

        Assert.Single(slots.Select(s => s.ReleasedAt).Distinct());
        Assert.Single(slots.Select(s => s.SameDayReleaseAt).Distinct());
    }
}
