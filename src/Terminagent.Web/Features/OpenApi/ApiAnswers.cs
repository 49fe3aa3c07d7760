using Microsoft.AspNetCore.Mvc;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Availability;

namespace Terminagent.Web.Features.OpenApi;

/// <summary>A refusal an operation can answer with: its status, when it comes, and the <c>code</c> values it carries.</summary>
public sealed record ProblemAnswer(int Status, string When, IReadOnlyList<string> Codes);

/// <summary>The operation needs a solved proof-of-work challenge of this purpose in its headers.</summary>
public sealed record ChallengeNeeded(ChallengePurpose Purpose);

/// <summary>
/// The 409 of a hold or a move whose time someone else took first: a ProblemDetails (code
/// <c>Taken</c>) with the nearest free times. Only the OpenAPI document uses this type; the answer
/// itself is written by <see cref="Bookings.BookingApi"/>.
/// </summary>
public sealed class TakenProblemDetails : ProblemDetails
{
    /// <summary>The nearest free times of the same service at the same offices, earliest first; may be empty.</summary>
    public required IReadOnlyList<FreeTimeDto> Alternatives { get; init; }
}

/// <summary>The operation lets in whoever meets one of these security schemes (beside the staff policies, which say it themselves).</summary>
public sealed record SecuredBy(IReadOnlyList<string> Schemes);

/// <summary>How an endpoint declares its answers for the OpenAPI document and the clients generated from it.</summary>
public static class ApiAnswers
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The operation answers <paramref name="status"/> with ProblemDetails carrying one of <paramref name="codes"/>.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, int status, string when, params string[] codes) =>
        builder.ProducesProblem(status).WithMetadata(new ProblemAnswer(status, when, codes));

    /// <summary>409 <c>Taken</c> with the nearest free times (<see cref="TakenProblemDetails"/>).</summary>
    public static RouteHandlerBuilder RefusesTakenWithAlternatives(this RouteHandlerBuilder builder, string when, params string[] otherCodes) =>
        builder.Produces<TakenProblemDetails>(StatusCodes.Status409Conflict, ProblemContentType)
            .WithMetadata(new ProblemAnswer(StatusCodes.Status409Conflict, when, ["Taken", .. otherCodes]));

    public static RouteHandlerBuilder SecuredBy(this RouteHandlerBuilder builder, params string[] schemes) =>
        builder.WithMetadata(new SecuredBy(schemes));

    /// <summary>The operation spends a proof-of-work challenge (headers <c>Terminagent-Challenge</c> and <c>Terminagent-Nonce</c>).</summary>
    public static RouteHandlerBuilder NeedsChallenge(this RouteHandlerBuilder builder, ChallengePurpose purpose) =>
        builder.WithMetadata(new ChallengeNeeded(purpose))
            .Refuses(
                StatusCodes.Status400BadRequest,
                "The challenge headers are missing, wrong, expired or already used.",
                "ChallengeMissing", "ChallengeInvalid", "ChallengeExpired", "ChallengeUsed");
}
