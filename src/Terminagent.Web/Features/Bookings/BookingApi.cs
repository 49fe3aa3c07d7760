using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Texts;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Features.OpenApi;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Bookings;

public sealed record CreateBookingRequest(
    string? ServiceId, string? OfficeId, DateTimeOffset? Start, string? Name, string? Email, string? Phone, string? Language);

public sealed record TokenRequest(string? Token);

public sealed record RescheduleRequest(string? Token, string? OfficeId, DateTimeOffset? Start);

public sealed record BookingDto(
    Guid Id, string Code, string Status, string ServiceId, string OfficeId,
    DateTimeOffset Start, DateTimeOffset End, string LocalStart, DateTimeOffset? HoldExpiresAt, string Language)
{
    public static BookingDto From(Booking b, City city) => new(
        b.Id, b.Code, b.Status.ToString().ToLowerInvariant(), b.ServiceId, b.OfficeId,
        b.Start.ToDateTimeOffset(), b.End.ToDateTimeOffset(),
        LocalDateTimePattern.GeneralIso.Format(b.Start.InZone(city.FindOffice(b.OfficeId)!.Zone).LocalDateTime),
        b.HoldExpiresAt?.ToDateTimeOffset(), b.Language);
}

public sealed record BookingChangedDto(BookingDto Booking, bool AlreadyDone, string? ManageToken);

public static class BookingApi
{
    public static void MapBookingApi(this RouteGroupBuilder api)
    {
        var bookings = api.MapGroup("/bookings").WithTags("Booking");
        bookings.MapPost("/", CreateAsync).WithName("HoldAppointment")
            .WithSummary("Holds a time and emails the citizen a link to confirm it (double opt-in).")
            .WithDescription(
                "The time stays held for the city's hold time (15 minutes by default); it becomes an appointment only when the citizen confirms it " +
                "with the token from the email (POST /api/v1/bookings/confirm). Needs a solved proof-of-work challenge " +
                "(GET /api/v1/challenges?purpose=booking) in the Terminagent-Challenge and Terminagent-Nonce headers. " +
                "Holding the same time for the same person again returns the first hold (200, alreadyDone) instead of holding twice.")
            .NeedsChallenge(nameof(ChallengePurpose.Booking))
            .Refuses(400, "Invalid input, or a time that does not exist, has passed or is not released yet.",
                "InvalidRequest", nameof(BookingFailure.ServiceNotOfferedThere), nameof(BookingFailure.UnknownTime), nameof(BookingFailure.InPast),
                nameof(BookingFailure.NotYetReleased))
            .Refuses(404, "The service or office does not exist.", nameof(BookingFailure.UnknownService), nameof(BookingFailure.UnknownOffice))
            .RefusesTakenWithAlternatives("Someone else took the time first; `alternatives` lists the nearest free times.")
            .Refuses(429, "The email address has as many appointments or requests as one address may have.", nameof(BookingFailure.TooManyActive), "RateLimited");
        bookings.MapPost("/confirm", ConfirmAsync).WithName("ConfirmAppointment")
            .WithSummary("Confirms a held time with the token from the confirmation email.")
            .WithDescription(
                "Turns the hold into an appointment and returns a manage token, which the citizen also gets by email. " +
                "Confirming twice is harmless: the second answer says alreadyDone.")
            .Refuses(404, "The token is not valid.", nameof(BookingFailure.LinkInvalid))
            .Refuses(410, "The hold has lapsed or the appointment is no longer active.", nameof(BookingFailure.LinkExpired), nameof(BookingFailure.NoLongerActive));
        bookings.MapGet("/{token}", GetAsync).WithName("GetAppointment")
            .WithSummary("The appointment a manage token belongs to.")
            .WithDescription("Whatever its status: held, confirmed, cancelled, expired or no-show.")
            .Refuses(404, "The token is not valid.", nameof(BookingFailure.LinkInvalid))
            .Refuses(410, "The link has expired.", nameof(BookingFailure.LinkExpired));
        bookings.MapPost("/cancel", CancelAsync).WithName("CancelAppointment")
            .WithSummary("Cancels an appointment with its manage token.")
            .WithDescription(
                "The time becomes free again and goes to the queue of wishes first. Cancelling twice is harmless: the second answer says alreadyDone.")
            .Refuses(404, "The token is not valid.", nameof(BookingFailure.LinkInvalid))
            .Refuses(409, "The appointment has begun or passed.", nameof(BookingFailure.TooLate))
            .Refuses(410, "The link has expired or the appointment is no longer active.", nameof(BookingFailure.LinkExpired), nameof(BookingFailure.NoLongerActive));
        bookings.MapPost("/reschedule", RescheduleAsync).WithName("RescheduleAppointment")
            .WithSummary("Moves an appointment to another free time, at the same or another office.")
            .WithDescription("The old time is freed only when the new one is taken: a refused move keeps the appointment as it was.")
            .Refuses(400, "officeId or start is missing, or the new time does not exist, has passed or is not released yet.",
                "InvalidRequest", nameof(BookingFailure.ServiceNotOfferedThere), nameof(BookingFailure.UnknownTime), nameof(BookingFailure.InPast),
                nameof(BookingFailure.NotYetReleased))
            .Refuses(404, "The token is not valid or the office does not exist.", nameof(BookingFailure.LinkInvalid), nameof(BookingFailure.UnknownOffice))
            .RefusesTakenWithAlternatives(
                "Someone else took the new time first (`alternatives` lists the nearest free times), or the appointment has begun.",
                nameof(BookingFailure.TooLate))
            .Refuses(410, "The link has expired or the appointment is no longer active.", nameof(BookingFailure.LinkExpired), nameof(BookingFailure.NoLongerActive));
    }

    private static async Task<Results<Created<BookingChangedDto>, Ok<BookingChangedDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateBookingRequest request, BookingService service, City city, HttpContext http, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ServiceId))
        {
            missing["serviceId"] = ["Required."];
        }

        if (string.IsNullOrWhiteSpace(request.OfficeId))
        {
            missing["officeId"] = ["Required."];
        }

        if (request.Start is null)
        {
            missing["start"] = ["Required: an ISO 8601 instant, e.g. 2026-12-01T08:00:00+01:00."];
        }

        if (request.Language is not null && !Languages.IsSupported(request.Language))
        {
            missing["language"] = [$"Use one of {string.Join(", ", Languages.Codes.Select(c => $"\"{c}\""))}."];
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }

        if (await ChallengeApi.GuardCreateAsync(http, ChallengePurpose.Booking, request.Email, ct) is { } refused)
        {
            return refused;
        }

        var result = await service.HoldAsync(
            request.ServiceId!, request.OfficeId!, Instant.FromDateTimeOffset(request.Start!.Value),
            request.Name, request.Email, request.Phone, request.Language ?? "de", null, ct);
        if (!result.Succeeded)
        {
            CapAnswers.RetryAfter(http, result.RetryAt);

            return result.Failure == BookingFailure.InvalidContact ? ContactProblem(result, http) : Problem(result, city, http);
        }

        var dto = new BookingChangedDto(BookingDto.From(result.Booking!, city), result.AlreadyDone, null);
        return result.AlreadyDone ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/bookings/{result.Booking!.Code}", dto);
    }

    private static async Task<Results<Ok<BookingChangedDto>, ProblemHttpResult>> ConfirmAsync(
        TokenRequest request, BookingService service, City city, HttpContext http, CancellationToken ct) =>
        Changed(await service.ConfirmAsync(request.Token, ct), city, http);

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> GetAsync(
        string token, BookingService service, City city, HttpContext http, CancellationToken ct)
    {
        var result = await service.FindByLinkAsync(token, LinkPurpose.ManageBooking, ct);
        return result.Succeeded ? TypedResults.Ok(BookingDto.From(result.Booking!, city)) : Problem(result, city, http);
    }

    private static async Task<Results<Ok<BookingChangedDto>, ProblemHttpResult>> CancelAsync(
        TokenRequest request, BookingService service, City city, HttpContext http, CancellationToken ct) =>
        Changed(await service.CancelAsync(request.Token, ct), city, http);

    private static async Task<Results<Ok<BookingChangedDto>, ProblemHttpResult>> RescheduleAsync(
        RescheduleRequest request, BookingService service, City city, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.OfficeId) || request.Start is null)
        {
            return TypedResults.Problem(statusCode: 400, title: http.RequestServices.GetRequiredService<IStringLocalizer<BookingTexts>>().Api(http, "Api.Required"));
        }

        return Changed(await service.RescheduleAsync(request.Token, request.OfficeId, Instant.FromDateTimeOffset(request.Start.Value), ct), city, http);
    }

    private static Results<Ok<BookingChangedDto>, ProblemHttpResult> Changed(BookingResult result, City city, HttpContext http) =>
        result.Succeeded
            ? TypedResults.Ok(new BookingChangedDto(BookingDto.From(result.Booking!, city), result.AlreadyDone, result.ManageSecret))
            : Problem(result, city, http);

    private static ValidationProblem ContactProblem(BookingResult result, HttpContext http)
    {
        var lang = ApiLanguage.CodeOf(http);
        return TypedResults.ValidationProblem(
            result.ContactProblems!.GroupBy(BookingTexts.FieldOf)
                .ToDictionary(g => g.Key, g => g.Select(p => BookingTexts.Contact(p, lang)).ToArray()),
            title: http.RequestServices.GetRequiredService<IStringLocalizer<BookingTexts>>().Api(http, "Api.InvalidContact"));
    }

    internal static ProblemHttpResult Problem(BookingResult result, City city, HttpContext http)
    {
        var status = result.Failure switch
        {
            BookingFailure.UnknownService or BookingFailure.UnknownOffice or BookingFailure.LinkInvalid => 404,
            BookingFailure.LinkExpired or BookingFailure.NoLongerActive => 410,
            BookingFailure.Taken or BookingFailure.TooLate => 409,
            BookingFailure.TooManyActive => 429,
            _ => 400,
        };
        var known = result.Failure is { } failure && Enum.IsDefined(failure) && failure != BookingFailure.InvalidContact;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<BookingTexts>>();
        var title = t.Api(http, known ? $"Api.{result.Failure}" : "Api.Other");
        var detail = t.Api(http, BookingTexts.FailureKey(result.Failure!.Value));
        var extensions = new Dictionary<string, object?> { ["code"] = result.Failure.ToString() };
        if (result.Alternatives is { } alternatives)
        {
            extensions["alternatives"] = alternatives.Select(t => FreeTimeDto.From(t, city)).ToList();
        }

        if (result.RetryAt is { } retryAt)
        {
            extensions["retryAt"] = retryAt.ToDateTimeOffset();
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
