using Microsoft.Extensions.Options;
using Terminagent.Domain.Abuse;

namespace Terminagent.Web.Features.Abuse;

public sealed class ProofOfWorkOptions
{
    public const string Section = "ProofOfWork";

    /// <summary>Leading zero bits of the hash: 14 means about 16,000 tries, about a second in a phone's browser.</summary>
    public int Difficulty { get; set; } = 14;

    /// <summary>How long a challenge may be used; a wish form can take a while to fill in.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Without JavaScript the form is accepted unsolved once this long has passed since it was shown.</summary>
    public TimeSpan WaitWithoutScript { get; set; } = TimeSpan.FromSeconds(15);
}

internal sealed class ProofOfWorkOptionsValidator : IValidateOptions<ProofOfWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, ProofOfWorkOptions o)
    {
        var problems = new List<string>();
        if (o.Difficulty is < 0 or > ProofOfWork.MaxDifficulty)
        {
            problems.Add($"ProofOfWork:Difficulty must be between 0 and {ProofOfWork.MaxDifficulty} (leading zero bits; 14 solves in about a second on a phone).");
        }

        if (o.Lifetime < TimeSpan.FromMinutes(1) || o.Lifetime > TimeSpan.FromDays(1))
        {
            problems.Add("ProofOfWork:Lifetime must be between 00:01:00 and 1.00:00:00.");
        }

        if (o.WaitWithoutScript < TimeSpan.Zero || o.WaitWithoutScript >= o.Lifetime)
        {
            problems.Add("ProofOfWork:WaitWithoutScript must be at least 0 and shorter than the Lifetime.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
