using Microsoft.Extensions.Options;

namespace Terminagent.Web.Features.Abuse;

/// <summary>At most <see cref="Limit"/> requests in each fixed window of <see cref="Window"/>.</summary>
public sealed class RatePolicy
{
    public int Limit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Limits on the public pages and API, generous enough that no person notices them.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only where the clients are known, e.g. the load tools of the benchmark.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Reading public pages and the API (GET), per client address.</summary>
    public RatePolicy Reads { get; set; } = new() { Limit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sending public forms and API requests (POST), per client address.</summary>
    public RatePolicy Writes { get; set; } = new() { Limit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Opening and using the links from emails (confirm, cancel, accept…), per client address: against guessing tokens.</summary>
    public RatePolicy Links { get; set; } = new() { Limit = 60, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Holding appointments and leaving wishes, per normalised email address.</summary>
    public RatePolicy CreatesPerEmail { get; set; } = new() { Limit = 10, Window = TimeSpan.FromHours(1) };
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions o)
    {
        var problems = new List<string>();
        foreach (var (policy, value) in new[] { ("Reads", o.Reads), ("Writes", o.Writes), ("Links", o.Links), ("CreatesPerEmail", o.CreatesPerEmail) })
        {
            if (value is null || value.Limit < 1)
            {
                problems.Add($"RateLimits:{policy}:Limit must be at least 1.");
            }

            if (value is null || value.Window < TimeSpan.FromSeconds(1) || value.Window > TimeSpan.FromDays(1))
            {
                problems.Add($"RateLimits:{policy}:Window must be between 00:00:01 and 1.00:00:00.");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>Which direct peers may tell us the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto).</summary>
public sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    /// <summary>Addresses of trusted reverse proxies, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted reverse proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
