using Microsoft.Extensions.Localization;
using NodaTime;

namespace Terminagent.Web.Features.Abuse;

/// <summary>What the form shows of a challenge: the token, how hard it is, and the wait without script.</summary>
public sealed record ChallengeField(string Token, int Difficulty, int WaitSeconds);

/// <summary>The outcome of spending a form's challenge: passed, or the sentence to show and the challenge to show with it.</summary>
public sealed record FormChallenge(bool Passed, string? Problem, ChallengeField Field, int StatusCode);

/// <summary>
/// The proof-of-work on the citizen's forms that create bookings and wishes. The browser solves
/// the challenge with wwwroot/js/proof-of-work.js; without script the form is accepted unsolved
/// once the wait has passed. Either way a challenge works once.
/// </summary>
public sealed class ChallengeForm(Challenges challenges, IStringLocalizer<AbuseTexts> t)
{
    public const string TokenField = "challenge";
    public const string NonceField = "nonce";

    public ChallengeField Fresh(ChallengePurpose purpose) => Field(challenges.Issue(purpose));

    /// <summary>The posted challenge when it can still be spent (the wait keeps counting), else a new one.</summary>
    public ChallengeField Keep(ChallengePurpose purpose, HttpRequest request)
    {
        var check = challenges.Check(purpose, Posted(request, TokenField), null, allowWait: true);
        return check.Verdict is ChallengeVerdict.Accepted or ChallengeVerdict.TooEarly ? Field(check.Challenge!) : Fresh(purpose);
    }

    public async Task<FormChallenge> SpendAsync(ChallengePurpose purpose, HttpRequest request, CancellationToken ct)
    {
        var check = await challenges.SpendAsync(purpose, Posted(request, TokenField), Posted(request, NonceField), allowWait: true, ct);
        if (check.Accepted)
        {
            return new FormChallenge(true, null, Fresh(purpose), 200);
        }

        if (check.Verdict == ChallengeVerdict.TooEarly)
        {
            var seconds = Seconds(check.Wait);
            return new FormChallenge(
                false,
                t["Challenge.TooEarly", Seconds(challenges.Options.WaitWithoutScript), seconds],
                Field(check.Challenge!),
                429);
        }

        var problem = check.Verdict switch
        {
            ChallengeVerdict.Expired => t["Challenge.Expired"],
            ChallengeVerdict.Replayed => t["Challenge.Replayed"],
            _ => t["Challenge.Failed"],
        };
        return new FormChallenge(false, problem, Fresh(purpose), 400);
    }

    private ChallengeField Field(IssuedChallenge challenge) =>
        new(challenge.Token, challenge.Difficulty, Seconds(challenges.Options.WaitWithoutScript));

    private static string? Posted(HttpRequest request, string field) =>
        request.HasFormContentType ? request.Form[field].FirstOrDefault() : null;

    private static int Seconds(Duration wait) => (int)Math.Ceiling(wait.TotalSeconds);

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);
}
