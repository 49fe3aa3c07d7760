using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

/// <summary>Europe/Berlin in 2026: clocks go from 02:00 to 03:00 on 29 March and from 03:00 back to 02:00 on 25 October.</summary>
public class DaylightSavingTests
{
    private static readonly LocalDate SpringForward = new(2026, 3, 29);
    private static readonly LocalDate FallBack = new(2026, 10, 25);

    [Fact]
    public void MorningOffice_OnSpringForwardDay_IsInSummerTime()
    {
        var slots = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 12, 30, 3)]), SpringForward, Quarter);

        Assert.Equal(18, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 6, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 10, 30), slots[^1].End);
    }

    [Fact]
    public void MorningOffice_OnFallBackDay_IsInWinterTime()
    {
        var slots = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 12, 30, 3)]), FallBack, Quarter);

        Assert.Equal(18, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 7, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 11, 30), slots[^1].End);
    }

    [Fact]
    public void NightOffice_OnSpringForwardDay_GetsFiveHoursOfSlots()
    {
        var slots = SlotPlanner.PlanDay(Office(EveryDay, [Period(0, 0, 6, 0, 2)]), SpringForward, Quarter);

        Assert.Equal(5 * 4, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 3, 28, 23, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 4, 0), slots[^1].End);
        AssertBackToBackAndUnique(slots);
        Assert.DoesNotContain(slots, s => s.LocalStart().Hour == 2);
    }

    [Fact]
    public void NightOffice_OnFallBackDay_GetsSevenHoursOfSlots_KeepingTheRepeatedHour()
    {
        var slots = SlotPlanner.PlanDay(Office(EveryDay, [Period(0, 0, 6, 0, 2)]), FallBack, Quarter);

        Assert.Equal(7 * 4, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 10, 24, 22, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 5, 0), slots[^1].End);
        AssertBackToBackAndUnique(slots);

        var repeated = slots.Where(s => s.LocalStart().Hour == 2).Select(s => s.Start.InZone(Berlin)).ToList();
        Assert.Equal(8, repeated.Count);
        Assert.All(repeated.Take(4), t => Assert.Equal(Offset.FromHours(2), t.Offset));
        Assert.All(repeated.Skip(4), t => Assert.Equal(Offset.FromHours(1), t.Offset));
        Assert.Equal(repeated.Take(4).Select(t => t.TimeOfDay), repeated.Skip(4).Select(t => t.TimeOfDay));
    }

    [Fact]
    public void NightOffice_OnDstDays_HoldsBackTheShareOfItsRealPlaces()
    {
        var office = Office(EveryDay, [Period(0, 0, 6, 0, 2)], WithSameDayShare(20));

        // 40 places in spring, 56 in autumn.
        Assert.Equal(8, SlotPlanner.PlanDay(office, SpringForward, Quarter).Sum(s => s.HeldBack));
        Assert.Equal(11, SlotPlanner.PlanDay(office, FallBack, Quarter).Sum(s => s.HeldBack));
    }

    [Fact]
    public void PlanDays_AcrossBothChanges_NeverRepeatsAnInstant()
    {
        var office = Office(EveryDay, [Period(0, 0, 6, 0, 1), Period(22, 0, 23, 45, 1)]);

        var spring = SlotPlanner.PlanDays(office, SpringForward.PlusDays(-1), SpringForward.PlusDays(1), Quarter).ToList();
        var autumn = SlotPlanner.PlanDays(office, FallBack.PlusDays(-1), FallBack.PlusDays(1), Quarter).ToList();

        AssertIncreasingAndUnique(spring);
        AssertIncreasingAndUnique(autumn);
    }

    [Fact]
    public void PeriodStartingInsideTheSkippedHour_StartsAtTheEndOfTheGap()
    {
        var slots = SlotPlanner.PlanDay(Office(EveryDay, [Period(2, 30, 4, 0, 1)]), SpringForward, Quarter);

        // 03:00–04:00 CEST
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 2, 0), slots[^1].End);
        Assert.Equal(4, slots.Count);
    }

    [Fact]
    public void AdvanceRelease_OnSpringForwardDay_IsAt0900Local()
    {
        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)]), SpringForward.PlusDays(21), Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 7, 0), slot.ReleasedAt);
    }

    [Fact]
    public void AdvanceRelease_OnFallBackDay_IsAt0900Local()
    {
        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)]), FallBack.PlusDays(21), Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 8, 0), slot.ReleasedAt);
    }

    [Fact]
    public void SameDayRelease_OnSpringForwardDay_IsAt0700Local()
    {
        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)]), SpringForward, Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 5, 0), slot.SameDayReleaseAt);
    }

    [Fact]
    public void AdvanceLead_AcrossSpringChange_KeepsLocal0900OfWinterTime()
    {
        var friday = new LocalDate(2026, 4, 10);

        var slot = SlotPlanner.PlanDay(Office(Weekdays, [Period(8, 0, 12, 30, 3)]), friday, Quarter)[0];

        // 2026-03-20 09:00 CET
        Assert.Equal(Instant.FromUtc(2026, 3, 20, 8, 0), slot.ReleasedAt);
        Assert.Equal(Instant.FromUtc(2026, 4, 10, 6, 0), slot.Start);
    }

    [Fact]
    public void AdvanceLead_AcrossAutumnChange_KeepsLocal0900OfSummerTime()
    {
        var thursday = new LocalDate(2026, 11, 5);

        var slot = SlotPlanner.PlanDay(Office(Weekdays, [Period(8, 0, 12, 30, 3)]), thursday, Quarter)[0];

        // 2026-10-15 09:00 CEST
        Assert.Equal(Instant.FromUtc(2026, 10, 15, 7, 0), slot.ReleasedAt);
        Assert.Equal(Instant.FromUtc(2026, 11, 5, 7, 0), slot.Start);
    }

    [Fact]
    public void AdvanceReleaseTimeInsideTheSkippedHour_ResolvesTo0300Cest()
    {
        var policy = ReleasePolicy.Default with { AdvanceReleaseTime = new LocalTime(2, 30) };

        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)], policy), SpringForward.PlusDays(21), Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), slot.ReleasedAt);
    }

    [Fact]
    public void SameDayReleaseTimeInsideTheSkippedHour_ResolvesTo0300Cest()
    {
        var policy = ReleasePolicy.Default with { SameDayReleaseTime = new LocalTime(2, 30) };

        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)], policy), SpringForward, Quarter)[0];

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), slot.SameDayReleaseAt);
    }

    [Fact]
    public void AdvanceReleaseTimeInsideTheRepeatedHour_TakesItsFirstOccurrence()
    {
        var policy = ReleasePolicy.Default with { AdvanceReleaseTime = new LocalTime(2, 30) };

        var slot = SlotPlanner.PlanDay(Office(EveryDay, [Period(8, 0, 9, 0, 1)], policy), FallBack.PlusDays(21), Quarter)[0];

        // 02:30 CEST, not 02:30 CET an hour later
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), slot.ReleasedAt);
    }

    [Fact]
    public void StartAt_InSkippedHour_IsTheEndOfTheGap()
    {
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), Berlin.StartAt(SpringForward.At(new LocalTime(2, 30))));
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), Berlin.StartAt(SpringForward.At(new LocalTime(2, 0))));
    }

    [Fact]
    public void EndAt_InSkippedHour_IsTheEndOfTheGap()
    {
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 0), Berlin.EndAt(SpringForward.At(new LocalTime(2, 30))));
    }

    [Fact]
    public void StartAt_InRepeatedHour_IsTheFirstOccurrence()
    {
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), Berlin.StartAt(FallBack.At(new LocalTime(2, 30))));
    }

    [Fact]
    public void EndAt_InRepeatedHour_IsTheSecondOccurrence()
    {
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 1, 30), Berlin.EndAt(FallBack.At(new LocalTime(2, 30))));
    }

    [Fact]
    public void StartAtAndEndAt_OnAnOrdinaryTime_Agree()
    {
        var local = SpringForward.At(new LocalTime(10, 0));

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 8, 0), Berlin.StartAt(local));
        Assert.Equal(Berlin.StartAt(local), Berlin.EndAt(local));
    }

    private static void AssertBackToBackAndUnique(IReadOnlyList<PlannedSlot> slots)
    {
        AssertIncreasingAndUnique(slots);
        for (var i = 1; i < slots.Count; i++)
        {
            Assert.Equal(slots[i - 1].End, slots[i].Start);
        }
    }

    private static void AssertIncreasingAndUnique(IReadOnlyList<PlannedSlot> slots)
    {
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
        for (var i = 1; i < slots.Count; i++)
        {
            Assert.True(slots[i - 1].Start < slots[i].Start, $"slot {i} at {slots[i].Start} is not after {slots[i - 1].Start}");
        }
    }
}
