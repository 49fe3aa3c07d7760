using NodaTime;
using Terminagent.Domain.Agent;

namespace Terminagent.Domain.Tests;

/// <summary>
/// The offer deadline: the earlier of offer time + 48 h and 2 h before the slot starts, and no offer
/// at all when that leaves less than 1 h. Europe/Berlin in 2026 springs forward on 29 March and
/// falls back on 25 October; the deadline is a span of real time, never of wall-clock hours.
/// </summary>
public class AgentPolicyTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly AgentPolicy Policy = AgentPolicy.Default;

    private static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Berlin).ToInstant();

    private static LocalDateTime InBerlin(Instant instant) => instant.InZone(Berlin).LocalDateTime;

    [Fact]
    public void Default_Is48HoursToAnswer_2HoursCutoff_1HourMinimum_HalfOfEachRelease()
    {
        Assert.Equal(50, Policy.ReleaseSharePercent);
        Assert.Equal(Duration.FromHours(48), Policy.AnswerTime);
        Assert.Equal(Duration.FromHours(2), Policy.CutoffBeforeStart);
        Assert.Equal(Duration.FromHours(1), Policy.MinimumAnswerTime);
    }

    [Fact]
    public void FarSlot_DeadlineIs48HoursAfterTheOffer()
    {
        var offered = Local(2026, 12, 1, 10);

        Assert.Equal(offered + Duration.FromHours(48), Policy.DeadlineFor(offered, Local(2026, 12, 21, 9)));
    }

    [Fact]
    public void SlotWithin48Hours_DeadlineIs2HoursBeforeItsStart()
    {
        var offered = Local(2026, 12, 1, 10);
        var start = Local(2026, 12, 2, 9);

        Assert.Equal(start - Duration.FromHours(2), Policy.DeadlineFor(offered, start));
    }

    [Fact]
    public void SlotExactly50HoursAhead_BothLimitsAgree()
    {
        var offered = Local(2026, 12, 1, 10);

        Assert.Equal(offered + Duration.FromHours(48), Policy.DeadlineFor(offered, offered + Duration.FromHours(50)));
    }

    [Fact]
    public void OfferOnTheDayBeforeSpringForward_48HoursLaterIs11OClockLocal()
    {
        var offered = Local(2026, 3, 28, 10);

        var deadline = Policy.DeadlineFor(offered, Local(2026, 4, 20, 9));

        Assert.Equal(Instant.FromUtc(2026, 3, 30, 9, 0), deadline);
        Assert.Equal(new LocalDateTime(2026, 3, 30, 11, 0), InBerlin(deadline!.Value));
    }

    [Fact]
    public void OfferOnTheDayBeforeFallBack_48HoursLaterIs9OClockLocal()
    {
        var offered = Local(2026, 10, 24, 10);

        var deadline = Policy.DeadlineFor(offered, Local(2026, 11, 9, 9));

        Assert.Equal(Instant.FromUtc(2026, 10, 26, 8, 0), deadline);
        Assert.Equal(new LocalDateTime(2026, 10, 26, 9, 0), InBerlin(deadline!.Value));
    }

    [Fact]
    public void SlotOnFallBackDay_CutoffIsTwoRealHoursBeforeIt()
    {
        var start = Local(2026, 10, 25, 10);

        var deadline = Policy.DeadlineFor(Local(2026, 10, 24, 10), start);

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 7, 0), deadline);
        Assert.Equal(new LocalDateTime(2026, 10, 25, 8, 0), InBerlin(deadline!.Value));
    }

    [Fact]
    public void EarlySlotOnSpringForwardDay_CutoffFallsBeforeTheGap_ThreeWallClockHoursEarlier()
    {
        var start = Local(2026, 3, 29, 4);

        var deadline = Policy.DeadlineFor(Local(2026, 3, 28, 18), start);

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 0, 0), deadline);
        Assert.Equal(new LocalDateTime(2026, 3, 29, 1, 0), InBerlin(deadline!.Value));
    }

    [Fact]
    public void EarlySlotOnFallBackDay_CutoffFallsInTheRepeatedHour_OneWallClockHourEarlier()
    {
        var start = Local(2026, 10, 25, 3);

        var deadline = Policy.DeadlineFor(Local(2026, 10, 24, 18), start);

        // 03:00 CET is 02:00Z; two real hours before is 00:00Z, the first 02:00 (CEST) of the night.
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 0), deadline);
        Assert.Equal(Offset.FromHours(2), deadline!.Value.InZone(Berlin).Offset);
        Assert.Equal(new LocalDateTime(2026, 10, 25, 2, 0), InBerlin(deadline.Value));
    }

    [Fact]
    public void OfferAcrossSpringForward_CloseToTheSlot_CountsRealTime()
    {
        // 01:30 CET to 04:00 CEST is 90 minutes of real time, though the wall clock says 2.5 h:
        // the cutoff (00:00Z) already passed, so there is nothing to offer.
        Assert.Null(Policy.DeadlineFor(Local(2026, 3, 29, 1, 30), Local(2026, 3, 29, 4)));

        // 00:30 CET: the cutoff at 01:00 CET leaves only 30 minutes.
        Assert.Null(Policy.DeadlineFor(Local(2026, 3, 29, 0, 30), Local(2026, 3, 29, 4)));

        // 23:59 CET the evening before: 61 minutes, enough.
        var offered = Local(2026, 3, 28, 23, 59);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 0, 0), Policy.DeadlineFor(offered, Local(2026, 3, 29, 4)));
    }

    [Fact]
    public void ExactlyOneHourToAnswer_IsOffered()
    {
        var start = Local(2026, 12, 2, 9);
        var offered = start - Duration.FromHours(3);

        var deadline = Policy.DeadlineFor(offered, start);

        Assert.Equal(start - Duration.FromHours(2), deadline);
        Assert.Equal(Duration.FromHours(1), deadline!.Value - offered);
    }

    [Theory]
    [InlineData(179)]
    [InlineData(150)]
    [InlineData(120)]
    [InlineData(60)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-30)]
    public void LessThanOneHourToAnswer_IsNotOffered(int minutesBeforeStart)
    {
        var start = Local(2026, 12, 2, 9);

        Assert.Null(Policy.DeadlineFor(start - Duration.FromMinutes(minutesBeforeStart), start));
    }

    [Fact]
    public void FiftyNineMinutesToAnswer_IsNotOffered_EvenOnFallBackDay()
    {
        var start = Local(2026, 10, 25, 10);

        Assert.Null(Policy.DeadlineFor(start - Duration.FromMinutes(179), start));
        Assert.NotNull(Policy.DeadlineFor(start - Duration.FromMinutes(180), start));
    }

    [Fact]
    public void ConfiguredPolicy_UsesItsOwnTimes()
    {
        var policy = new AgentPolicy(30, Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(30));
        var offered = Local(2026, 12, 1, 10);

        Assert.Equal(offered + Duration.FromHours(24), policy.DeadlineFor(offered, offered + Duration.FromDays(5)));
        Assert.Equal(offered + Duration.FromMinutes(30), policy.DeadlineFor(offered, offered + Duration.FromMinutes(270)));
        Assert.Null(policy.DeadlineFor(offered, offered + Duration.FromMinutes(269)));
    }

    [Fact]
    public void Deadline_IsNeverAfterTheCutoff_NorLaterThanTheAnswerTime()
    {
        var offered = Local(2026, 10, 23, 7, 15);
        for (var minutes = 0; minutes <= 5 * 24 * 60; minutes += 15)
        {
            var start = offered + Duration.FromMinutes(minutes);
            if (Policy.DeadlineFor(offered, start) is not { } deadline)
            {
                Assert.True(start - Duration.FromHours(2) - offered < Duration.FromHours(1));
                continue;
            }

            Assert.True(deadline <= start - Duration.FromHours(2));
            Assert.True(deadline <= offered + Duration.FromHours(48));
            Assert.True(deadline - offered >= Duration.FromHours(1));
            Assert.True(deadline == start - Duration.FromHours(2) || deadline == offered + Duration.FromHours(48));
        }
    }
}
