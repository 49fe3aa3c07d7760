using NodaTime;
using Terminagent.Domain.Agent;

namespace Terminagent.Domain.Tests;

/// <summary>
/// The shortening deadline: a quarter of the time left before the cutoff, at least the minimum
/// answer time and at most the answer time; the fixed rule keeps 48 h whatever the slot.
/// </summary>
public class DeadlineRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly AgentPolicy Fixed = AgentPolicy.Default;
    private static readonly AgentPolicy Shortening = AgentPolicy.Default with { Rule = DeadlineRule.ShortensAsSlotNears };
    private static readonly AgentPolicy Keeping = AgentPolicy.Default with { Rule = DeadlineRule.ShortensAndKeepsWaiting };
    private static readonly AgentPolicy Forgiving = AgentPolicy.Default with { Rule = DeadlineRule.FixedAndKeepsWaiting };

    [Fact]
    public void Default_IsFixed() => Assert.Equal(DeadlineRule.Fixed, AgentPolicy.Default.Rule);

    [Fact]
    public void SlotWeeksAway_BothRulesGiveTheFullAnswerTime()
    {
        var start = Now + Duration.FromDays(21);
        Assert.Equal(Now + Duration.FromHours(48), Fixed.DeadlineFor(Now, start));
        Assert.Equal(Now + Duration.FromHours(48), Shortening.DeadlineFor(Now, start));
    }

    [Fact]
    public void SlotTwoDaysAway_ShorteningGivesAQuarterOfTheTimeLeft()
    {
        // 48 h to the slot, 46 h to the cutoff: a quarter is 11.5 h; the fixed rule stops at the cutoff.
        var start = Now + Duration.FromHours(48);
        Assert.Equal(Now + Duration.FromHours(46), Fixed.DeadlineFor(Now, start));
        Assert.Equal(Now + Duration.FromMinutes(11 * 60 + 30), Shortening.DeadlineFor(Now, start));
    }

    [Fact]
    public void SlotSixHoursAway_ShorteningGivesTheMinimumAnswerTime()
    {
        var start = Now + Duration.FromHours(6);
        Assert.Equal(Now + Duration.FromHours(4), Fixed.DeadlineFor(Now, start));
        Assert.Equal(Now + Duration.FromHours(1), Shortening.DeadlineFor(Now, start));
    }

    [Fact]
    public void JustAboveTheMinimum_ShorteningNeverPassesTheCutoff()
    {
        // 90 min to the cutoff: a quarter is less than the minimum, so the minimum; 60 min left: the cutoff itself.
        var start = Now + Duration.FromMinutes(3 * 60 + 30);
        Assert.Equal(Now + Duration.FromMinutes(60), Shortening.DeadlineFor(Now, start));
        Assert.Equal(Now + Duration.FromMinutes(60), Shortening.DeadlineFor(Now, Now + Duration.FromHours(3)));
    }

    [Fact]
    public void LessThanTheMinimumLeft_NeitherRuleOffers()
    {
        var start = Now + Duration.FromMinutes(2 * 60 + 59);
        Assert.Null(Fixed.DeadlineFor(Now, start));
        Assert.Null(Shortening.DeadlineFor(Now, start));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(100)]
    [InlineData(500)]
    public void Shortening_IsNeverLaterThanFixed(int hoursAway)
    {
        var start = Now + Duration.FromHours(hoursAway);
        Assert.True(Shortening.DeadlineFor(Now, start) <= Fixed.DeadlineFor(Now, start));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(500)]
    public void KeepingWaiting_SetsTheSameDeadlinesAsShortening(int hoursAway)
    {
        var start = Now + Duration.FromHours(hoursAway);
        Assert.Equal(Shortening.DeadlineFor(Now, start), Keeping.DeadlineFor(Now, start));
    }

    [Fact]
    public void KeepingWaiting_ForgivesTheFirstLapseOfAShortDeadlineOnly()
    {
        var shortDeadline = Now + Duration.FromHours(11);
        var fullDeadline = Now + Duration.FromHours(48);

        Assert.True(Keeping.KeepsWishAfterLapse(Now, shortDeadline, earlierLapses: 0));
        Assert.False(Keeping.KeepsWishAfterLapse(Now, shortDeadline, earlierLapses: 1));
        Assert.False(Keeping.KeepsWishAfterLapse(Now, fullDeadline, earlierLapses: 0));
    }

    [Fact]
    public void TheOtherRules_EndAWishAtEveryLapse()
    {
        var shortDeadline = Now + Duration.FromHours(11);
        Assert.False(Fixed.KeepsWishAfterLapse(Now, shortDeadline, earlierLapses: 0));
        Assert.False(Shortening.KeepsWishAfterLapse(Now, shortDeadline, earlierLapses: 0));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(500)]
    public void FixedAndKeepingWaiting_SetsTheFixedDeadlines(int hoursAway)
    {
        var start = Now + Duration.FromHours(hoursAway);
        Assert.Equal(Fixed.DeadlineFor(Now, start), Forgiving.DeadlineFor(Now, start));
    }

    [Fact]
    public void FixedAndKeepingWaiting_ForgivesTheFirstLapseOfAnOfferTheCutoffCutShort()
    {
        // A slot six hours away: the cutoff leaves four hours; one three weeks away gets the full 48 h.
        var cutShort = Forgiving.DeadlineFor(Now, Now + Duration.FromHours(6))!.Value;
        var full = Forgiving.DeadlineFor(Now, Now + Duration.FromDays(21))!.Value;

        Assert.True(Forgiving.KeepsWishAfterLapse(Now, cutShort, earlierLapses: 0));
        Assert.False(Forgiving.KeepsWishAfterLapse(Now, cutShort, earlierLapses: 1));
        Assert.False(Forgiving.KeepsWishAfterLapse(Now, full, earlierLapses: 0));
    }

    [Fact]
    public void OnlyTheKeepingRules_KeepWaiting()
    {
        Assert.Equal(
            [DeadlineRule.ShortensAndKeepsWaiting, DeadlineRule.FixedAndKeepsWaiting],
            Enum.GetValues<DeadlineRule>().Where(r => (AgentPolicy.Default with { Rule = r }).KeepsWaiting));
    }
}
