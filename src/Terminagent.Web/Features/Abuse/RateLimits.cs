using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Abuse;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Abuse;

/// <summary>Whether a request may go on; when not, how long until the window that stopped it ends.</summary>
public sealed record RateDecision(bool Limited, Duration RetryAfter, string? Policy)
{
    public static readonly RateDecision Allowed = new(false, Duration.Zero, null);

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>Where the client stands in each limit the request was counted against.</summary>
    public IReadOnlyList<RateStanding> Standings { get; init; } = [];
}

/// <summary>One limit as a client sees it: its quota per window, what is left of it, and the seconds until the window ends.</summary>
public sealed record RateStanding(string Policy, int Quota, int WindowSeconds, long Remaining, int ResetSeconds);

/// <summary>
/// The rate limits of the public pages and API, in fixed windows: reads and writes per client
/// address, link actions per address (against guessing tokens), and holds and wishes per email.
/// The staff area, devices in the offices, health, metrics and static files are not limited.
/// </summary>
public sealed class RateLimits(IRateCounters counters, IOptionsMonitor<RateLimitOptions> options, Clock clock)
{
    private static readonly string[] Unlimited =
        ["/staff", "/infoline", "/counter", "/kiosk", "/display", "/devices", "/dev", "/health", "/metrics", "/error", "/api/v1/staff"];

    // Pages and API routes below these carry a token from an email; the routes themselves create.
    private static readonly string[] TokenBelow = ["/wish", "/api/v1/bookings", "/api/v1/wishes"];

    private static readonly string[] TokenAlways = ["/confirm", "/appointment", "/offer", "/my-data", "/api/v1/offers", "/api/v1/privacy"];

    public static bool IsLimited(PathString path) => !Unlimited.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A page or API request that carries a link's token (or tries one).</summary>
    public static bool IsLinkAction(PathString path) =>
        TokenAlways.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || TokenBelow.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is { Length: > 1 });

    /// <summary>Counts the request against every limit that applies to it, in one statement.</summary>
    public async Task<RateDecision> CheckRequestAsync(HttpContext context)
    {
        var current = options.CurrentValue;
        var path = context.Request.Path;
        if (!current.Enabled || !IsLimited(path))
        {
            return RateDecision.Allowed;
        }

        var client = ClientAddress.PartitionOf(context.Connection.RemoteIpAddress);
        var policies = new List<(string Name, RatePolicy Policy)>(2);
        policies.Add(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? ("reads", current.Reads)
            : ("writes", current.Writes));
        if (IsLinkAction(path))
        {
            policies.Add(("links", current.Links));
        }

        var decision = await CountAsync(policies.Select(p => (p.Name, p.Policy, client)).ToList(), context.RequestAborted);
        RateLimitHeaders.Add(context.Response, decision.Standings);
        return decision;
    }

    /// <summary>Counts one hold or wish of this email address (as normalised); an address that cannot be read is not counted.</summary>
    public async Task<RateDecision> CheckEmailAsync(HttpContext context, string? email)
    {
        var current = options.CurrentValue;
        if (!current.Enabled || string.IsNullOrWhiteSpace(email) || email.Length > 254)
        {
            return RateDecision.Allowed;
        }

        var decision = await CountAsync([("email", current.CreatesPerEmail, Contact.NormaliseEmail(email))], context.RequestAborted);
        RateLimitHeaders.Add(context.Response, decision.Standings);
        return decision;
    }

    /// <summary>Counters keep no address or email in the clear: the table is not personal data to guard or erase.</summary>
    private static string Pseudonym(string client) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(client)), 0, 16);

    private async Task<RateDecision> CountAsync(IReadOnlyList<(string Name, RatePolicy Policy, string Client)> limits, CancellationToken ct)
    {
        var now = clock.Now;
        var hits = new List<(RateHit Hit, string Name, int Limit)>(limits.Count);
        foreach (var (name, policy, client) in limits)
        {
            var window = (long)policy.Window.TotalMilliseconds;
            var index = now.ToUnixTimeMilliseconds() / window;
            var end = Instant.FromUnixTimeMilliseconds((index + 1) * window);
            hits.Add((new RateHit($"{name}|{Pseudonym(client)}|{index}", end), name, policy.Limit));
        }

        var counts = await counters.HitAsync(hits.Select(h => h.Hit).ToList(), ct);
        var standings = hits.Select((h, i) => new RateStanding(
                h.Name,
                h.Limit,
                (int)limits[i].Policy.Window.TotalSeconds,
                Math.Max(0, h.Limit - counts.GetValueOrDefault(h.Hit.Key)),
                (int)Math.Ceiling((h.Hit.ExpiresAt - now).TotalSeconds)))
            .ToList();
        var over = hits.Where(h => counts.TryGetValue(h.Hit.Key, out var count) && count > h.Limit)
            .OrderByDescending(h => h.Hit.ExpiresAt)
            .FirstOrDefault();
        return over.Hit is null
            ? RateDecision.Allowed with { Standings = standings }
            : new RateDecision(true, over.Hit.ExpiresAt - now, over.Name) { Standings = standings };
    }
}

/// <summary>Answers over-limit requests before they reach a page or endpoint: nothing is changed.</summary>
public sealed class RateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, RateLimits limits)
    {
        var decision = await limits.CheckRequestAsync(context);
        if (decision.Limited)
        {
            await RateLimitedResponse.WriteAsync(context, decision);
            return;
        }

        await next(context);
    }
}
