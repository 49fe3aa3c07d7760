namespace Terminagent.Web.Features.OpenApi;

/// <summary>A refusal an operation can answer with: its status, when it comes, and the <c>code</c> values it carries.</summary>
public sealed record ProblemAnswer(int Status, string When, IReadOnlyList<string> Codes);

/// <summary>The operation needs a solved proof-of-work challenge of this purpose (its name, as the challenge API takes it) in its headers.</summary>
public sealed record ChallengeNeeded(string Purpose);

/// <summary>The operation lets in whoever meets one of these security schemes (beside the staff policies, which say it themselves).</summary>
public sealed record SecuredBy(IReadOnlyList<string> Schemes);

/// <summary>How an endpoint declares its answers for the OpenAPI document and the clients generated from it.</summary>
public static class ApiAnswers
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The security schemes' names in the document: the staff's session cookie and a display device's token.</summary>
    public const string StaffSession = "staffSession";

    public const string DisplayDevice = "displayDevice";

    /// <summary>The operation answers <paramref name="status"/> with ProblemDetails carrying one of <paramref name="codes"/>.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, int status, string when, params string[] codes) =>
        builder.ProducesProblem(status).WithMetadata(new ProblemAnswer(status, when, codes));

    public static RouteHandlerBuilder SecuredBy(this RouteHandlerBuilder builder, params string[] schemes) =>
        builder.WithMetadata(new SecuredBy(schemes));

    /// <summary>The operation spends a proof-of-work challenge (headers <c>Terminagent-Challenge</c> and <c>Terminagent-Nonce</c>).</summary>
    public static RouteHandlerBuilder NeedsChallenge(this RouteHandlerBuilder builder, string purpose) =>
        builder.WithMetadata(new ChallengeNeeded(purpose))
            .Refuses(
                StatusCodes.Status400BadRequest,
                "The challenge headers are missing, wrong, expired or already used.",
                "ChallengeMissing", "ChallengeInvalid", "ChallengeExpired", "ChallengeUsed");
}
