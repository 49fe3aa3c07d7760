using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.Agent;

/// <summary>The agent's anonymous figures, as the city reports them (matches, the decline-or-lapse rate).</summary>
public sealed record AgentCountsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    int WishesRegistered,
    int WishesActive,
    int OffersMade,
    int OffersAccepted,
    int OffersDeclined,
    int OffersLapsed,
    int OffersOpen,
    double? DeclinedOrLapsedShare,
    double? MedianHoursFromWishToFirstOffer);

public sealed class AgentCounts(TerminagentDb db)
{
    public async Task<AgentCountsDto> CountAsync(Instant from, Instant to, CancellationToken ct)
    {
        var registered = await db.Wishes.CountAsync(w => w.ConfirmedAt != null && w.ConfirmedAt >= from && w.ConfirmedAt <= to, ct);
        var active = await db.Wishes.CountAsync(w => w.Status == WishStatus.Waiting || w.Status == WishStatus.Offered, ct);
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.OfferedAt >= from && o.OfferedAt <= to)
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        int Of(OfferStatus s) => offers.GetValueOrDefault(s);
        var answered = Of(OfferStatus.Accepted) + Of(OfferStatus.Declined) + Of(OfferStatus.Lapsed);

        var firstOffers = await db.Offers.AsNoTracking()
            .Where(o => o.OfferedAt >= from && o.OfferedAt <= to)
            .GroupBy(o => o.WishId)
            .Select(g => new { WishId = g.Key, First = g.Min(o => o.OfferedAt) })
            .Join(db.Wishes, f => f.WishId, w => w.Id, (f, w) => new { f.First, w.RegisteredAt })
            .ToListAsync(ct);
        var hours = firstOffers.Select(f => (f.First - f.RegisteredAt).TotalHours).Order().ToList();
        double? median = hours.Count == 0 ? null : hours[hours.Count / 2];

        return new AgentCountsDto(
            from.ToDateTimeOffset(), to.ToDateTimeOffset(), registered, active,
            offers.Values.Sum(), Of(OfferStatus.Accepted), Of(OfferStatus.Declined), Of(OfferStatus.Lapsed), Of(OfferStatus.Open),
            answered == 0 ? null : (double)(Of(OfferStatus.Declined) + Of(OfferStatus.Lapsed)) / answered,
            median);
    }
}

public static class AgentCountsApi
{
    public static void MapAgentCountsApi(this RouteGroupBuilder api) =>
        api.MapGet("/statistics/agent", CountAsync)
            .WithName("AgentCounts").WithTags("Statistics")
            .WithSummary("Anonymous figures of the agent for a period (default: the last 30 days).")
            .WithDescription("Wishes registered and active, offers made and how they ended, and the median time from a wish to its first offer. Public on purpose: no person can be told from them.")
            .Refuses(400, "`from` is not before `to`, or the period is longer than ten years.", "InvalidRequest");

    private static async Task<Results<Ok<AgentCountsDto>, ProblemHttpResult>> CountAsync(
        DateTimeOffset? from, DateTimeOffset? to, AgentCounts counts, Clock clock, CancellationToken ct)
    {
        if ((from is { } early && !Moments.InReach(early, clock.Now)) || (to is { } late && !Moments.InReach(late, clock.Now)))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid period", detail: $"'from' and 'to' must lie within {Moments.YearsReachable} years of today.");
        }

        var end = to is { } t ? Instant.FromDateTimeOffset(t) : clock.Now;
        var start = from is { } f ? Instant.FromDateTimeOffset(f) : end - Duration.FromDays(30);
        if (start >= end || end - start > Duration.FromDays(3660))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid period", detail: "'from' must be before 'to', and the period at most ten years.");
        }

        return TypedResults.Ok(await counts.CountAsync(start, end, ct));
    }
}
