using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.Abuse;

public sealed record ChallengeDto(string Challenge, string Purpose, int Difficulty, DateTimeOffset ExpiresAt, string Algorithm);

/// <summary>
/// Proof-of-work for API clients: GET a challenge, find a nonce (decimal digits) such that
/// SHA-256(challenge + nonce) has at least <c>difficulty</c> leading zero bits, and send both as
/// headers with the request that creates the booking or wish. Each challenge works once.
/// </summary>
public static class ChallengeApi
{
    public const string ChallengeHeader = "Terminagent-Challenge";
    public const string NonceHeader = "Terminagent-Nonce";

    public static void MapChallengeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/challenges", Issue).WithTags("Proof of work").WithName("GetChallenge")
            .WithSummary("A proof-of-work challenge, required to hold an appointment (purpose=booking) or leave a wish (purpose=wish).")
            .WithDescription(
                $"Find a nonce of decimal digits such that SHA-256 over the UTF-8 bytes of challenge followed by nonce starts with " +
                $"at least `difficulty` zero bits, then send `{ChallengeHeader}: <challenge>` and `{NonceHeader}: <nonce>` with " +
                "POST /api/v1/bookings or POST /api/v1/wishes. A challenge works once and expires at `expiresAt`; a missing, wrong, " +
                "expired or reused one is answered 400 with ProblemDetails (code ChallengeMissing, ChallengeInvalid, ChallengeExpired, ChallengeUsed).")
            .Refuses(400, "purpose is missing or neither booking nor wish.", "InvalidRequest");
    }

    private static Results<Ok<ChallengeDto>, ProblemHttpResult> Issue([FromQuery] string? purpose, Challenges challenges)
    {
        if (!TryPurpose(purpose, out var p))
        {
            return TypedResults.Problem(
                statusCode: 400, title: "Unknown purpose", detail: "Use purpose=booking or purpose=wish.",
                extensions: new Dictionary<string, object?> { ["code"] = "InvalidRequest" });
        }

        var issued = challenges.Issue(p);
        return TypedResults.Ok(new ChallengeDto(
            issued.Token, p.ToString().ToLowerInvariant(), issued.Difficulty, issued.ExpiresAt.ToDateTimeOffset(), "SHA-256, leading zero bits"));
    }

    /// <summary>
    /// What every API request that creates must pass: the challenge in its headers (spent here) and
    /// the limit per email. Null when it may go on, else the answer to give.
    /// </summary>
    public static async Task<ProblemHttpResult?> GuardCreateAsync(HttpContext context, ChallengePurpose purpose, string? email, CancellationToken ct)
    {
        if (await SpendAsync(context, purpose, ct) is { } refused)
        {
            return refused;
        }

        var decision = await context.RequestServices.GetRequiredService<RateLimits>().CheckEmailAsync(context, email);
        if (!decision.Limited)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RateLimitedResponse.Problem(decision);
    }

    /// <summary>Spends the challenge in the request's headers; null when it passed, else the answer to give.</summary>
    public static async Task<ProblemHttpResult?> SpendAsync(HttpContext context, ChallengePurpose purpose, CancellationToken ct)
    {
        var challenges = context.RequestServices.GetRequiredService<Challenges>();
        var check = await challenges.SpendAsync(
            purpose, context.Request.Headers[ChallengeHeader].FirstOrDefault(), context.Request.Headers[NonceHeader].FirstOrDefault(), allowWait: false, ct);
        if (check.Accepted)
        {
            return null;
        }

        var (code, title, detail) = check.Verdict switch
        {
            ChallengeVerdict.Missing => ("ChallengeMissing", "A proof-of-work challenge is required",
                $"Get one from GET /api/v1/challenges?purpose={purpose.ToString().ToLowerInvariant()}, solve it and send the {ChallengeHeader} and {NonceHeader} headers."),
            ChallengeVerdict.Expired => ("ChallengeExpired", "The challenge has expired", "Get a new challenge and solve it."),
            ChallengeVerdict.Replayed => ("ChallengeUsed", "The challenge was already used", "Each challenge works once: get a new one."),
            ChallengeVerdict.WrongPurpose => ("ChallengeInvalid", "The challenge is for another purpose",
                $"Get a challenge with purpose={purpose.ToString().ToLowerInvariant()}."),
            ChallengeVerdict.Tampered => ("ChallengeInvalid", "The challenge is not valid", "It was not issued by this service or was changed."),
            _ => ("ChallengeInvalid", "The challenge is not solved",
                $"{NonceHeader} must be decimal digits such that SHA-256(challenge + nonce) starts with {check.Challenge?.Difficulty} zero bits."),
        };
        return TypedResults.Problem(statusCode: 400, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    private static bool TryPurpose(string? text, out ChallengePurpose purpose)
    {
        purpose = default;
        return text is not null && !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out purpose) && Enum.IsDefined(purpose);
    }
}
