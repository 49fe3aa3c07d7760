using NodaTime;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public class FreeTimesTests
{
    private static readonly LocalDate Wednesday = new(2026, 1, 14);

    // The day before, at noon: released, before the same-day release; no places are held back in these offices.
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 13, 11, 0);

    [Fact]
    public void ThirtyMinuteService_OnQuarterHourSlots_StartsWhereverTwoFreeSlotsFollowOneAnother()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 1)], WithSameDayShare(0)), Wednesday);

        var times = FreeTimes.Find(slots, 2, Taker.Citizen, Now).ToList();

        Assert.Equal([At(8, 0), At(8, 15), At(8, 30)], times.Select(t => t.Start));
        Assert.All(times, t => Assert.Equal(Duration.FromMinutes(30), t.End - t.Start));
        Assert.Equal([1L, 2L], times[0].SlotIds);
        Assert.Equal([3L, 4L], times[^1].SlotIds);
        Assert.All(times, t => Assert.Equal("mitte", t.OfficeId));
        Assert.All(times, t => Assert.Equal(Wednesday, t.Date));
    }

    [Fact]
    public void FullSlot_BreaksTheRun()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 2)], WithSameDayShare(0)), Wednesday);
        slots[1].Taken = 2;

        var times = FreeTimes.Find(slots, 2, Taker.Citizen, Now).ToList();

        var only = Assert.Single(times);
        Assert.Equal(At(8, 30), only.Start);
        Assert.Equal(At(9, 0), only.End);
    }

    [Fact]
    public void PartlyTakenSlot_StillHasAPlace()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 2)], WithSameDayShare(0)), Wednesday);
        slots[0].Taken = 1;

        Assert.Single(FreeTimes.Find(slots, 2, Taker.Citizen, Now));
    }

    [Fact]
    public void LunchBreak_BreaksTheRun()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(11, 30, 12, 0, 1), Period(13, 0, 13, 30, 1)], WithSameDayShare(0)), Wednesday);

        var times = FreeTimes.Find(slots, 2, Taker.Citizen, Now).ToList();

        Assert.Equal([At(11, 30), At(13, 0)], times.Select(t => t.Start));
        Assert.DoesNotContain(times, t => t.Start == At(11, 45));
    }

    [Fact]
    public void WithdrawnSlot_BreaksTheRun()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 45, 1)], WithSameDayShare(0)), Wednesday);
        slots[1].Withdraw();

        Assert.Empty(FreeTimes.Find(slots, 2, Taker.Citizen, Now));
    }

    [Fact]
    public void ServiceNeedingOneSlot_GetsEveryFreeSlot()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 1)], WithSameDayShare(0)), Wednesday);
        slots[2].Taken = 1;

        var times = FreeTimes.Find(slots, 1, Taker.Citizen, Now).ToList();

        Assert.Equal([At(8, 0), At(8, 15), At(8, 45)], times.Select(t => t.Start));
    }

    [Fact]
    public void CountInDay_CountsWhatInDayFinds()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 1), Period(13, 0, 14, 0, 1)], WithSameDayShare(0)), Wednesday);
        slots[2].Taken = 1;
        slots[5].Withdraw();

        foreach (var needed in new[] { 1, 2, 3 })
        {
            var found = FreeTimes.InDay(slots, needed, Taker.Citizen, Now).Count();
            Assert.Equal(found, FreeTimes.CountInDay(slots, needed, Taker.Citizen, Now));
        }

        Assert.Equal(2, FreeTimes.CountInDay(slots, 2, Taker.Citizen, Now));
        Assert.Equal(0, FreeTimes.CountInDay(slots, 2, Taker.Citizen, slots[0].ReleasedAt - Duration.Epsilon));
    }

    [Fact]
    public void NotYetReleasedSlots_HaveNoFreeTimes()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 1)], WithSameDayShare(0)), Wednesday);

        Assert.Empty(FreeTimes.Find(slots, 2, Taker.Citizen, slots[0].ReleasedAt - Duration.Epsilon));
        Assert.NotEmpty(FreeTimes.Find(slots, 2, Taker.Citizen, slots[0].ReleasedAt));
    }

    [Fact]
    public void StartedSlot_CannotBeginARun()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 9, 0, 1)], WithSameDayShare(0)), Wednesday);

        var times = FreeTimes.Find(slots, 2, Taker.Citizen, At(8, 0)).ToList();

        Assert.Equal([At(8, 15), At(8, 30)], times.Select(t => t.Start));
    }

    [Fact]
    public void Results_ArePerOffice_AndNeverJoinSlotsOfTwoOffices()
    {
        var mitte = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 1)], WithSameDayShare(0), id: "mitte"), Wednesday, firstId: 1);
        var nord = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 1)], WithSameDayShare(0), id: "nord"), Wednesday, firstId: 10);
        mitte[1].Taken = 1;
        nord[0].Taken = 1;

        // Mitte is free at 08:00 and Nord at 08:15: back to back in time, but in two places.
        Assert.Empty(FreeTimes.Find([.. mitte, .. nord], 2, Taker.Citizen, Now));

        mitte[1].Taken = 0;
        nord[0].Taken = 0;
        var times = FreeTimes.Find([.. nord, .. mitte], 2, Taker.Citizen, Now).ToList();
        Assert.Equal(2, times.Count);
        Assert.Contains(times, t => t.OfficeId == "mitte" && t.SlotIds.SequenceEqual([1L, 2L]));
        Assert.Contains(times, t => t.OfficeId == "nord" && t.SlotIds.SequenceEqual([10L, 11L]));
    }

    [Fact]
    public void Runs_NeverJoinTwoDays()
    {
        var lateEvening = Slot(1, Wednesday, Instant.FromUtc(2026, 1, 14, 22, 45));
        var afterMidnight = Slot(2, Wednesday.PlusDays(1), Instant.FromUtc(2026, 1, 14, 23, 0));

        Assert.Empty(FreeTimes.Find([lateEvening, afterMidnight], 2, Taker.Citizen, Now));
    }

    [Fact]
    public void SlotsGivenOutOfOrder_AreJoinedInTimeOrder()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 45, 1)], WithSameDayShare(0)), Wednesday);
        slots.Reverse();

        var times = FreeTimes.Find(slots, 2, Taker.Citizen, Now).ToList();

        Assert.Equal([At(8, 0), At(8, 15)], times.Select(t => t.Start));
        Assert.Equal([1L, 2L], times[0].SlotIds);
    }

    [Fact]
    public void RunLongerThanTheDaysSlots_FindsNothing()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 1)], WithSameDayShare(0)), Wednesday);

        Assert.Empty(FreeTimes.Find(slots, 3, Taker.Citizen, Now));
    }

    [Fact]
    public void LapsedHoldInAFullSlot_CountsAsFree()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 1)], WithSameDayShare(0)), Wednesday);
        slots[1].Taken = 1;

        Assert.Empty(FreeTimes.Find(slots, 2, Taker.Citizen, Now));
        var times = FreeTimes.Find(slots, 2, Taker.Citizen, Now, new Dictionary<long, int> { [slots[1].Id] = 1 }).ToList();
        Assert.Equal([At(8, 0)], times.Select(t => t.Start));
    }

    [Fact]
    public void AgentsRun_BeforeThePublicRelease_IsFree()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 30, 1)], WithSameDayShare(0)), Wednesday);
        var beforeRelease = slots[0].ReleasedAt - Duration.FromMinutes(5);

        Assert.True(FreeTimes.IsFreeRun(slots, Taker.Agent, beforeRelease));
        Assert.False(FreeTimes.IsFreeRun(slots, Taker.Citizen, beforeRelease));
    }

    [Fact]
    public void AgentsRun_WithAGap_IsNotFree()
    {
        var slots = SlotsOn(Office(Weekdays, [Period(8, 0, 8, 45, 1)], WithSameDayShare(0)), Wednesday);

        Assert.False(FreeTimes.IsFreeRun([slots[0], slots[2]], Taker.Agent, Now));
        Assert.True(FreeTimes.IsFreeRun([slots[0], slots[1]], Taker.Agent, Now));
    }

    private static Instant At(int hour, int minute) => Wednesday.At(new LocalTime(hour, minute)).InZoneStrictly(Berlin).ToInstant();

    private static Slot Slot(long id, LocalDate date, Instant start) =>
        Domain.Slots.Slot.AsStored(id, new PlannedSlot("mitte", date, start, start + Quarter, 1, 0, Instant.FromUtc(2026, 1, 1, 0, 0), start));
}
