using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.OpenApi;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Privacy;

/// <summary>A citizen's data through their links: see it, download it, erase it (the pages under /my-data and the API).</summary>
public static class PrivacySetup
{
    public static void MapPrivacy(this IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup("/api/v1/privacy").WithTags("Privacy");
        privacy.MapPost("/export", ExportAsync).WithName("ExportMyData")
            .WithSummary("Everything held about the address a manage or offer token was sent to (Art. 15 and 20 GDPR).")
            .WithDescription("Appointments, wishes, offers, the emails written and the visits at the counters, as JSON to keep or take elsewhere.")
            .Refuses(404, "The token is not valid.", "NotFound")
            .Refuses(410, "The link has expired.", "Gone");
        privacy.MapPost("/erase", EraseAsync).WithName("EraseMyData")
            .WithSummary("Cancels, withdraws and declines what is active, then anonymises every record of the token's address and deletes its emails and links (Art. 17 GDPR).")
            .WithDescription("Cannot be undone; the token stops working. Erasing twice is harmless: the second answer counts zero everywhere.")
            .Refuses(404, "The token is not valid.", "NotFound")
            .Refuses(410, "The link has expired.", "Gone");
    }

    private static async Task<Results<Ok<CitizenDataExport>, ProblemHttpResult>> ExportAsync(TokenRequest request, CitizenData data, Language lang, IStringLocalizer<PrivacyTexts> texts, CancellationToken ct)
    {
        var (subject, problem) = await data.SubjectOfAsync(request.Token, ct);
        return problem is { } p ? Problem(p, texts) : TypedResults.Ok(await data.ExportAsync(subject!, lang.Code, ct));
    }

    private static async Task<Results<Ok<ErasureResult>, ProblemHttpResult>> EraseAsync(
        TokenRequest request, CitizenData data, CitizenErasure erasure, IStringLocalizer<PrivacyTexts> texts, CancellationToken ct)
    {
        var (subject, problem) = await data.SubjectOfAsync(request.Token, ct);
        return problem is { } p ? Problem(p, texts) : TypedResults.Ok(await erasure.EraseAsync(subject!, ct));
    }

    /// <summary>In the request's language, like the pages (German unless the client asks for another).</summary>
    private static ProblemHttpResult Problem(LinkProblem problem, IStringLocalizer<PrivacyTexts> texts) => TypedResults.Problem(
        statusCode: PrivacyTexts.StatusCodeFor(problem),
        title: texts.ProblemTitle(problem),
        detail: texts.Problem(problem));
}
