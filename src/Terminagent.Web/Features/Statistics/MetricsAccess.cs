using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Terminagent.Web.Features.Abuse;

namespace Terminagent.Web.Features.Statistics;

/// <summary>Who may read /metrics, from configuration "Metrics": by default this machine only.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Management networks in CIDR notation (e.g. "10.20.0.0/24") whose callers may scrape, besides this machine.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>When set, every scrape must send it as <c>Authorization: Bearer …</c>; alone it opens /metrics to anyone who has it.</summary>
    public string? BearerToken { get; set; }
}

internal sealed class MetricsOptionsValidator(IConfiguration configuration) : IValidateOptions<MetricsOptions>
{
    public const int MinimumTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, MetricsOptions o)
    {
        var problems = o.AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Metrics:AllowedNetworks: not a CIDR network: {n}")
            .ToList();
        if (o.BearerToken is { Length: > 0 and < MinimumTokenLength })
        {
            problems.Add($"Metrics:BearerToken must be at least {MinimumTokenLength} characters long (it is not rate-limited).");
        }

        // The old key meant "require this token"; ignoring it silently would open what it closed.
        if (configuration["Metrics:Token"] is { Length: > 0 })
        {
            problems.Add("Metrics:Token is now called Metrics:BearerToken.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>The answer to a scraper: its figures, or a refusal that tells nothing about them.</summary>
public enum MetricsAccessDecision
{
    Granted,

    /// <summary>From outside the allowed places: 404, as if there were no such endpoint (as the dev mailbox does).</summary>
    NotHere,

    /// <summary>From an allowed place but without the right token: 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750), so the operator sees what is missing.</summary>
    TokenMissing,
}

/// <summary>
/// The operator's figures (capacity, queue lengths, the process) are not for the public. Places are
/// judged by the caller's address as <see cref="ClientAddress.Vouched"/> gives it: the forwarded
/// address only from a trusted proxy, never what an untrusted hop claims.
/// </summary>
public sealed class MetricsAccess(IOptions<MetricsOptions> options)
{
    private readonly IPNetwork[] networks = options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
    private readonly byte[]? tokenHash = options.Value.BearerToken is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;

    public MetricsAccessDecision Decide(HttpContext http)
    {
        // A token alone opens /metrics to whoever holds it; allowed networks, when named, still apply.
        var placeChecked = tokenHash is null || networks.Length > 0;
        if (placeChecked && !ClientAddress.IsThisMachine(http) && !ClientAddress.IsIn(http, networks))
        {
            return MetricsAccessDecision.NotHere;
        }

        return tokenHash is null || HasToken(http, tokenHash) ? MetricsAccessDecision.Granted : MetricsAccessDecision.TokenMissing;
    }

    /// <summary>Hashes of equal length compared in constant time: neither the token's content nor its length leaks through timing.</summary>
    private static bool HasToken(HttpContext http, byte[] expected)
    {
        const string scheme = "Bearer ";
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())), expected);
    }
}
