using NodaTime;

namespace Terminagent.Domain.Agent;

/// <summary>How an offer's answer time is set.</summary>
public enum DeadlineRule
{
    /// <summary>Offer time + the answer time (48 h), capped by the cutoff before the slot.</summary>
    Fixed = 0,

    /// <summary>
    /// A quarter of the time left before the cutoff, between the minimum answer time and the answer
    /// time: a slot three weeks away gets the full 48 h, one two days away about 11 h, one six hours
    /// away one hour. A place that is declined or ignored close to its day then still reaches the
    /// next wishes in line while there is time to use it.
    /// </summary>
    ShortensAsSlotNears = 1,

    /// <summary>
    /// Deadlines as <see cref="ShortensAsSlotNears"/>, but a short deadline forgives once: when an
    /// offer whose answer time was cut below the full answer time lapses, the wish keeps its place
    /// in line (it was registered when it was) instead of ending, because the citizen may simply not
    /// have read their mail within a few hours. A second such lapse ends it, as does any lapse under
    /// the full answer time. Waitlists with expiring offers (kidney-offer studies, housing lists) end
    /// a candidate only after repeated misses for the same reason.
    /// </summary>
    ShortensAndKeepsWaiting = 2,

    /// <summary>
    /// Deadlines as <see cref="Fixed"/>, forgiving as <see cref="ShortensAndKeepsWaiting"/>: the first
    /// lapse of an offer whose answer time the cutoff cut below the full answer time (a place released
    /// for the same day, one freed by a cancellation close to its day) keeps the wish waiting at its
    /// place. Every other offer keeps the full answer time, so only the offers a citizen could hardly
    /// answer in time are forgiven.
    /// </summary>
    FixedAndKeepsWaiting = 3,
}

/// <summary>
/// How the agent treats an office's capacity: the share of each release it may offer before the
/// rest is public, and how long a citizen has to answer an offer.
/// </summary>
public sealed record AgentPolicy(
    int ReleaseSharePercent, Duration AnswerTime, Duration CutoffBeforeStart, Duration MinimumAnswerTime, DeadlineRule Rule = DeadlineRule.Fixed)
{
    /// <summary>Under the shortening rules, the share of the time left that the citizen gets to answer.</summary>
    public const double ShorteningShare = 0.25;

    /// <summary>Under the keeping rules, how many lapses of short offers a wish survives.</summary>
    public const int ForgivenLapses = 1;

    public static AgentPolicy Default { get; } = new(50, Duration.FromHours(48), Duration.FromHours(2), Duration.FromHours(1));

    /// <summary>
    /// Whether a lapse of an offer made at <paramref name="offeredAt"/>, due at <paramref name="deadline"/>,
    /// is one this rule forgives: the deadline was cut short. Whether the wish then waits again
    /// depends on its earlier lapses (<see cref="KeepsWishAfterLapse"/>).
    /// </summary>
    public bool ForgivesLapse(Instant offeredAt, Instant deadline) =>
        KeepsWaiting && deadline - offeredAt < AnswerTime;

    /// <summary>Whether this rule forgives lapses of cut-short offers at all.</summary>
    public bool KeepsWaiting => Rule is DeadlineRule.ShortensAndKeepsWaiting or DeadlineRule.FixedAndKeepsWaiting;

    /// <summary>Whether a wish whose offer lapsed waits again rather than ending, given the lapses it has had before.</summary>
    public bool KeepsWishAfterLapse(Instant offeredAt, Instant deadline, int earlierLapses) =>
        ForgivesLapse(offeredAt, deadline) && earlierLapses < ForgivenLapses;

    /// <summary>
    /// The deadline of an offer made now for a slot starting then: by <see cref="Rule"/>, never after
    /// the cutoff before the slot starts; null when that would leave the citizen less than the
    /// minimum time to answer, so the slot stays public.
    /// </summary>
    public Instant? DeadlineFor(Instant offeredAt, Instant slotStart)
    {
        var byCutoff = slotStart - CutoffBeforeStart;
        var left = byCutoff - offeredAt;
        if (left < MinimumAnswerTime)
        {
            return null;
        }

        var window = Rule switch
        {
            DeadlineRule.ShortensAsSlotNears or DeadlineRule.ShortensAndKeepsWaiting => Clamp(Duration.FromTicks((long)(left.TotalTicks * ShorteningShare)), MinimumAnswerTime, AnswerTime),
            _ => AnswerTime,
        };
        return window < left ? offeredAt + window : byCutoff;
    }

    private static Duration Clamp(Duration value, Duration min, Duration max) => value < min ? min : value > max ? max : value;
}
