using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public class ReleaseTests
{
    private static readonly LocalDate WinterWednesday = new(2026, 1, 14);

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
}
