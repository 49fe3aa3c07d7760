using System.Globalization;

namespace Terminagent.Web.Features.Abuse;

/// <summary>
/// The RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers, as structured
/// field lists: <c>RateLimit-Policy: "reads";q=300;w=60</c> (quota per window of seconds) and
/// <c>RateLimit: "reads";r=297;t=42</c> (remaining, seconds until the window ends). A client sees
/// its standing on every limited answer and can slow down before it meets a 429.
/// </summary>
public static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string Standing = "RateLimit";

    /// <summary>Adds these limits to the ones already on the answer (the email limit comes after the address limits).</summary>
    public static void Add(HttpResponse response, IReadOnlyList<RateStanding> standings)
    {
        if (standings.Count == 0 || response.HasStarted)
        {
            return;
        }

        Append(response, Policy, standings.Select(s => Item(s.Policy, $"q={s.Quota};w={s.WindowSeconds}")));
        Append(response, Standing, standings.Select(s => Item(s.Policy, $"r={s.Remaining};t={s.ResetSeconds}")));
    }

    private static string Item(string name, FormattableString parameters) =>
        $"\"{name}\";{parameters.ToString(CultureInfo.InvariantCulture)}";

    // One field line per header: a list split over several lines means the same, but not every client joins them.
    private static void Append(HttpResponse response, string header, IEnumerable<string> items)
    {
        var value = string.Join(", ", items);
        var existing = response.Headers[header].ToString();
        response.Headers[header] = existing.Length == 0 ? value : existing + ", " + value;
    }
}
