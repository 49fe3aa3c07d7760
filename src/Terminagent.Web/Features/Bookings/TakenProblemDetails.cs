using Microsoft.AspNetCore.Mvc;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.Bookings;

/// <summary>
/// The 409 of a hold or a move whose time someone else took first: a ProblemDetails (code
/// <c>Taken</c>) with the nearest free times. Only the OpenAPI document uses this type; the answer
/// itself is written by <see cref="BookingApi"/>.
/// </summary>
public sealed class TakenProblemDetails : ProblemDetails
{
    /// <summary>The nearest free times of the same service at the same offices, earliest first; may be empty.</summary>
    public required IReadOnlyList<FreeTimeDto> Alternatives { get; init; }
}

/// <summary>How the booking endpoints declare their 409 with alternatives.</summary>
public static class TakenAnswers
{
    /// <summary>409 <c>Taken</c> with the nearest free times (<see cref="TakenProblemDetails"/>).</summary>
    public static RouteHandlerBuilder RefusesTakenWithAlternatives(this RouteHandlerBuilder builder, string when, params string[] otherCodes) =>
        builder.Produces<TakenProblemDetails>(StatusCodes.Status409Conflict, ApiAnswers.ProblemContentType)
            .WithMetadata(new ProblemAnswer(StatusCodes.Status409Conflict, when, ["Taken", .. otherCodes]));
}
