using NodaTime;

namespace Terminagent.Domain.Agent;

/// <summary>
/// How the agent treats an office's capacity: the share of each release it may offer before the
/// rest is public, and how long a citizen has to answer an offer.
/// </summary>
public sealed record AgentPolicy(int ReleaseSharePercent, Duration AnswerTime, Duration CutoffBeforeStart, Duration MinimumAnswerTime)
{
    public static AgentPolicy Default { get; } = new(50, Duration.FromHours(48), Duration.FromHours(2), Duration.FromHours(1));

    /// <summary>
    /// The earlier of offer time + answer time and the cutoff before the slot starts; null when
    /// that would leave the citizen less than the minimum time to answer, so the slot stays public.
    /// </summary>
    public Instant? DeadlineFor(Instant offeredAt, Instant slotStart)
    {
        var byAnswerTime = offeredAt + AnswerTime;
        var byCutoff = slotStart - CutoffBeforeStart;
        var deadline = byAnswerTime < byCutoff ? byAnswerTime : byCutoff;
        return deadline - offeredAt >= MinimumAnswerTime ? deadline : null;
    }
}
