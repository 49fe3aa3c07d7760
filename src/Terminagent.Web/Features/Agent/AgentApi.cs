using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.Agent;

public sealed record TimeWindowDto(string? From, string? To);

/// <summary>Weekdays are ISO numbers (1 = Monday … 7 = Sunday) or English names ("monday").</summary>
public sealed record CreateWishRequest(
    string? ServiceId,
    IReadOnlyList<string>? OfficeIds,
    IReadOnlyList<JsonElement>? Weekdays,
    IReadOnlyList<TimeWindowDto>? Windows,
    string? Earliest,
    string? Latest,
    string? Name,
    string? Email,
    string? Phone,
    string? Language);

public sealed record UpdateWishRequest(
    string? Token,
    IReadOnlyList<string>? OfficeIds,
    IReadOnlyList<JsonElement>? Weekdays,
    IReadOnlyList<TimeWindowDto>? Windows,
    string? Earliest,
    string? Latest);

public sealed record DeclineOfferRequest(string? Token, bool? KeepWish);

/// <summary>
/// Where a wish stands: wishes ahead, and the wait until the first offer from now: usually between
/// <c>WaitLowDays</c> and <c>WaitHighDays</c> days (about four wishes in five), <c>ExpectedDays</c> the point
/// estimate; <c>WaitBasis</c> is <c>History</c> (recent offers) or <c>RoughGuess</c> (opening hours only). All null without an estimate.
/// </summary>
public sealed record QueuePlaceDto(int Ahead, int? ExpectedDays, int? WaitLowDays, int? WaitHighDays, string? WaitBasis);

public sealed record WishDto(
    Guid Id, string Status, string ServiceId, IReadOnlyList<string> OfficeIds, IReadOnlyList<int> Weekdays,
    IReadOnlyList<TimeWindowDto> Windows, string? Earliest, string? Latest, DateTimeOffset RegisteredAt, string Language,
    QueuePlaceDto? Place)
{
    public static WishDto From(Wish wish, QueuePlace? place = null)
    {
        var d = wish.Definition;
        return new(
            wish.Id, wish.Status.ToString().ToLowerInvariant(), wish.ServiceId, d.OfficeIds, d.Weekdays.Select(w => (int)w).ToList(),
            d.Windows.Select(w => new TimeWindowDto(WishForm.Format(w.From), WishForm.Format(w.To))).ToList(),
            d.Earliest is { } e ? WishForm.Format(e) : null, d.Latest is { } l ? WishForm.Format(l) : null,
            wish.RegisteredAt.ToDateTimeOffset(), wish.Language,
            place is null ? null : new QueuePlaceDto(place.Ahead, place.ExpectedDays, place.Wait?.LowDays, place.Wait?.HighDays, place.Wait?.Basis.ToString()));
    }
}

public sealed record WishCreatedDto(Guid Id, string Status, bool UpdatesExisting);

public sealed record WishChangedDto(WishDto Wish, bool AlreadyDone, bool UpdatesExisting, string? ManageToken);

public sealed record OfferDto(
    Guid Id, string Status, string ServiceId, string OfficeId, DateTimeOffset Start, DateTimeOffset End, string LocalStart,
    DateTimeOffset Deadline, string LocalDeadline, string WishStatus, Guid? BookingId)
{
    public static OfferDto From(Offer offer, Wish wish, City city)
    {
        var zone = city.FindOffice(offer.OfficeId)!.Zone;
        return new(
            offer.Id, offer.Status.ToString().ToLowerInvariant(), offer.ServiceId, offer.OfficeId,
            offer.Start.ToDateTimeOffset(), offer.End.ToDateTimeOffset(),
            LocalDateTimePattern.GeneralIso.Format(offer.Start.InZone(zone).LocalDateTime),
            offer.Deadline.ToDateTimeOffset(),
            LocalDateTimePattern.GeneralIso.Format(offer.Deadline.InZone(zone).LocalDateTime),
            wish.Status.ToString().ToLowerInvariant(), offer.BookingId);
    }
}

public sealed record OfferChangedDto(OfferDto Offer, bool AlreadyDone, Guid? BookingId, string? ManageToken);

/// <summary>The agent for other clients: wishes and offers, with ProblemDetails for every refusal.</summary>
public static class AgentApi
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static void MapAgentApi(this RouteGroupBuilder api)
    {
        var wishes = api.MapGroup("/wishes").WithTags("Agent");
        wishes.MapPost("/", CreateAsync).WithName("LeaveWish")
            .WithSummary("Leaves a wish and emails the citizen a link to confirm it; a second wish of the same person for the same service updates the first once confirmed.")
            .WithDescription(
                "A wish names the offices, weekdays (ISO numbers 1-7 or English names), time windows (HH:mm) and an optional date range the citizen could come. " +
                "Once confirmed it waits in the queue; when a fitting time becomes free, the agent offers it by email. " +
                "Needs a solved proof-of-work challenge (GET /api/v1/challenges?purpose=wish) in the Terminagent-Challenge and Terminagent-Nonce headers.")
            .NeedsChallenge(nameof(ChallengePurpose.Wish))
            .Refuses(400, "Invalid input: an office, weekday, time window, date range or contact detail that cannot be used.",
                "InvalidRequest", nameof(AgentFailure.UnknownOffice), nameof(AgentFailure.NoOffice), nameof(AgentFailure.NoWeekday),
                nameof(AgentFailure.NoTimeWindow), nameof(AgentFailure.InvalidTimeWindow), nameof(AgentFailure.InvalidDateRange), nameof(AgentFailure.InvalidContact))
            .Refuses(404, "The service does not exist.", nameof(AgentFailure.UnknownService))
            .Refuses(429, "The email address has as many unconfirmed wishes or requests as one address may have.", nameof(AgentFailure.TooManyPending), "RateLimited");
        wishes.MapPost("/confirm", ConfirmAsync).WithName("ConfirmWish")
            .WithSummary("Confirms a wish with the token from the email; returns a manage token.")
            .WithDescription(
                "The wish joins the queue with the time it was left. A confirmed second wish updates the first and keeps its place; " +
                "then no new manage token is returned (updatesExisting).")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(410, "The link has expired or the wish is no longer active.", nameof(AgentFailure.LinkExpired), nameof(AgentFailure.WishNotActive));
        wishes.MapGet("/{token}", GetAsync).WithName("GetWish")
            .WithSummary("The wish a manage token belongs to, with its place in the queue.")
            .WithDescription("`place` says how many wishes registered earlier want the same service at some of the same offices, weekdays and times, and roughly how many days an offer may take.")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(410, "The link has expired.", nameof(AgentFailure.LinkExpired));
        wishes.MapPost("/update", UpdateAsync).WithName("UpdateWish")
            .WithSummary("Changes what a waiting wish asks for; it keeps its place in the queue.")
            .WithDescription("Replaces offices, weekdays, time windows and date range at once. While an offer is open, answer the offer first.")
            .Refuses(400, "Invalid input: an office, weekday, time window or date range that cannot be used.",
                "InvalidRequest", nameof(AgentFailure.UnknownOffice), nameof(AgentFailure.NoOffice), nameof(AgentFailure.NoWeekday),
                nameof(AgentFailure.NoTimeWindow), nameof(AgentFailure.InvalidTimeWindow), nameof(AgentFailure.InvalidDateRange))
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(409, "The wish has an open offer.", nameof(AgentFailure.WishHasOpenOffer))
            .Refuses(410, "The link has expired or the wish is no longer active.", nameof(AgentFailure.LinkExpired), nameof(AgentFailure.WishNotActive));
        wishes.MapPost("/withdraw", WithdrawAsync).WithName("WithdrawWish")
            .WithSummary("Withdraws a wish: it leaves the queue and gets no more offers.")
            .WithDescription("Withdrawing twice is harmless: the second answer says alreadyDone. While an offer is open, answer the offer instead.")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(409, "The wish has an open offer.", nameof(AgentFailure.WishHasOpenOffer))
            .Refuses(410, "The link has expired.", nameof(AgentFailure.LinkExpired));

        var offers = api.MapGroup("/offers").WithTags("Agent");
        offers.MapGet("/{token}", GetOfferAsync).WithName("GetOffer")
            .WithSummary("The offer a token from an offer email belongs to.")
            .WithDescription("The offered time, the deadline to answer by, and the status of the offer and its wish.")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(410, "The link has expired.", nameof(AgentFailure.LinkExpired));
        offers.MapPost("/accept", AcceptAsync).WithName("AcceptOffer")
            .WithSummary("Accepts an open offer: the appointment is booked and a manage token returned.")
            .WithDescription("The wish is fulfilled. Accepting twice is harmless: the second answer says alreadyDone.")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(410, "The offer has ended (declined, withdrawn) or its time to answer has run out.",
                nameof(AgentFailure.OfferClosed), nameof(AgentFailure.OfferExpired), nameof(AgentFailure.LinkExpired))
            .Refuses(429, "The email address has as many appointments for the service as one address may have.", nameof(AgentFailure.TooManyBookings));
        offers.MapPost("/decline", DeclineAsync).WithName("DeclineOffer")
            .WithSummary("Declines an open offer, keeping the wish (same place) or withdrawing it.")
            .WithDescription("`keepWish: true` leaves the wish in the queue with its place for the next fitting time; `false` withdraws it.")
            .Refuses(400, "keepWish is missing.", "InvalidRequest")
            .Refuses(404, "The token is not valid.", nameof(AgentFailure.LinkInvalid))
            .Refuses(410, "The offer has ended or its time to answer has run out.",
                nameof(AgentFailure.OfferClosed), nameof(AgentFailure.OfferExpired), nameof(AgentFailure.LinkExpired));
    }

    private static async Task<Results<Created<WishCreatedDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateWishRequest request, WishService service, Clock clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ServiceId))
        {
            errors["serviceId"] = ["Required."];
        }

        if (request.Language is not null && !Languages.IsSupported(request.Language))
        {
            errors["language"] = [AgentTexts.Text("Api.Language", Languages.English, string.Join(", ", Languages.Codes.Select(c => $"\"{c}\"")))];
        }

        var wish = ReadWish(request.ServiceId, request.OfficeIds, request.Weekdays, request.Windows, request.Earliest, request.Latest, clock.Now, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        if (await ChallengeApi.GuardCreateAsync(http, ChallengePurpose.Wish, request.Email, ct) is { } refused)
        {
            return refused;
        }

        var result = await service.RegisterAsync(wish!, request.Name, request.Email, request.Phone, request.Language ?? "de", ct);
        if (!result.Succeeded)
        {
            CapAnswers.RetryAfter(http, result.RetryAt);
            return result.Failure == AgentFailure.InvalidContact ? ContactProblem(result) : Problem(result.Failure!.Value);
        }

        var created = new WishCreatedDto(result.Wish!.Id, result.Wish.Status.ToString().ToLowerInvariant(), result.UpdatesExisting);
        return TypedResults.Created($"/api/v1/wishes/{created.Id}", created);
    }

    private static async Task<Results<Ok<WishChangedDto>, ProblemHttpResult>> ConfirmAsync(
        TokenRequest request, WishService service, CancellationToken ct)
    {
        var result = await service.ConfirmAsync(request.Token, ct);
        return result.Succeeded
            ? TypedResults.Ok(new WishChangedDto(WishDto.From(result.Wish!), result.AlreadyDone, result.UpdatesExisting, result.ManageSecret))
            : Problem(result.Failure!.Value);
    }

    private static async Task<Results<Ok<WishDto>, ProblemHttpResult>> GetAsync(string token, WishService service, CancellationToken ct)
    {
        var result = await service.FindByLinkAsync(token, LinkPurpose.ManageWish, ct);
        if (!result.Succeeded)
        {
            return Problem(result.Failure!.Value);
        }

        var place = result.Wish!.IsActive ? await service.PlaceOfAsync(result.Wish, ct) : null;
        return TypedResults.Ok(WishDto.From(result.Wish, place));
    }

    private static async Task<Results<Ok<WishDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        UpdateWishRequest request, WishService service, Clock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wish = ReadWish(null, request.OfficeIds, request.Weekdays, request.Windows, request.Earliest, request.Latest, clock.Now, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await service.UpdateAsync(request.Token, wish!, ct);
        if (!result.Succeeded)
        {
            return Problem(result.Failure!.Value);
        }

        return TypedResults.Ok(WishDto.From(result.Wish!, await service.PlaceOfAsync(result.Wish!, ct)));
    }

    private static async Task<Results<Ok<WishChangedDto>, ProblemHttpResult>> WithdrawAsync(
        TokenRequest request, WishService service, CancellationToken ct)
    {
        var result = await service.WithdrawAsync(request.Token, ct);
        return result.Succeeded
            ? TypedResults.Ok(new WishChangedDto(WishDto.From(result.Wish!), result.AlreadyDone, false, null))
            : Problem(result.Failure!.Value);
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> GetOfferAsync(
        string token, OfferService service, City city, CancellationToken ct)
    {
        var result = await service.FindByLinkAsync(token, ct);
        return result.Succeeded ? TypedResults.Ok(OfferDto.From(result.Offer!, result.Wish!, city)) : Problem(result.Failure!.Value);
    }

    private static async Task<Results<Ok<OfferChangedDto>, ProblemHttpResult>> AcceptAsync(
        TokenRequest request, OfferService service, City city, HttpContext http, CancellationToken ct)
    {
        var result = await service.AcceptAsync(request.Token, ct);
        CapAnswers.RetryAfter(http, result.RetryAt);
        return Changed(result, city);
    }

    private static async Task<Results<Ok<OfferChangedDto>, ProblemHttpResult, ValidationProblem>> DeclineAsync(
        DeclineOfferRequest request, OfferService service, City city, CancellationToken ct)
    {
        if (request.KeepWish is not { } keep)
        {
            return Invalid(new Dictionary<string, string[]> { ["keepWish"] = ["Required: true keeps the wish with its place in the queue, false withdraws it."] });
        }

        var result = await service.DeclineAsync(request.Token, keep, ct);
        return result.Succeeded ? TypedResults.Ok(ChangedDto(result, city)) : Problem(result.Failure!.Value);
    }

    private static Results<Ok<OfferChangedDto>, ProblemHttpResult> Changed(OfferResult result, City city) =>
        result.Succeeded ? TypedResults.Ok(ChangedDto(result, city)) : Problem(result.Failure!.Value);

    private static OfferChangedDto ChangedDto(OfferResult result, City city) =>
        new(OfferDto.From(result.Offer!, result.Wish!, city), result.AlreadyDone, result.Offer!.BookingId, result.ManageSecret);

    private static WishRequest? ReadWish(
        string? serviceId, IReadOnlyList<string>? officeIds, IReadOnlyList<JsonElement>? weekdays, IReadOnlyList<TimeWindowDto>? windows,
        string? earliest, string? latest, Instant now, Dictionary<string, string[]> errors)
    {
        if (officeIds is not { Count: > 0 })
        {
            errors["officeIds"] = ["Required: at least one office id."];
        }

        var days = new List<IsoDayOfWeek>();
        foreach (var day in weekdays ?? [])
        {
            if (WeekdayOf(day) is { } d)
            {
                days.Add(d);
            }
            else
            {
                errors["weekdays"] = ["Use ISO numbers 1 (Monday) to 7 (Sunday) or English day names."];
            }
        }

        if (days.Count == 0)
        {
            errors.TryAdd("weekdays", ["Required: at least one weekday."]);
        }

        var parsed = new List<TimeWindow>();
        foreach (var window in windows ?? [])
        {
            if (Time(window?.From) is { } from && Time(window?.To) is { } to)
            {
                parsed.Add(new TimeWindow(from, to));
            }
            else
            {
                errors["windows"] = ["Each window needs from and to as HH:mm, e.g. {\"from\":\"08:00\",\"to\":\"12:00\"}."];
            }
        }

        if (parsed.Count == 0)
        {
            errors.TryAdd("windows", ["Required: at least one time window."]);
        }

        var first = Date(earliest, "earliest", now, errors);
        var last = Date(latest, "latest", now, errors);
        return errors.Count > 0 ? null : new WishRequest(serviceId, officeIds, days, parsed, first, last);
    }

    private static IsoDayOfWeek? WeekdayOf(JsonElement day)
    {
        var text = day.ValueKind == JsonValueKind.String ? day.GetString() : null;
        var number = day.ValueKind == JsonValueKind.Number && day.TryGetInt32(out var n) ? n
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m
            : 0;
        if (number is >= 1 and <= 7)
        {
            return (IsoDayOfWeek)number;
        }

        return text is null ? null : Enum.GetValues<IsoDayOfWeek>()
            .Where(d => d != IsoDayOfWeek.None && string.Equals(d.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(d => (IsoDayOfWeek?)d)
            .FirstOrDefault();
    }

    private static LocalTime? Time(string? text) =>
        text is { Length: 5 } && TimePattern.Parse(text) is { Success: true } r ? r.Value : null;

    private static LocalDate? Date(string? text, string field, Instant now, Dictionary<string, string[]> errors)
    {
        var read = Moments.ReadDay(text, now);
        if (read.Refused || (text is not null && read.Value is null))
        {
            errors[field] = [Moments.ApiRefusal(read.Refused ? read.Problem : MomentProblem.Unreadable, "2026-12-24")];
        }

        return read.Value;
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: AgentTexts.Text("Api.Invalid", Languages.English), extensions: new Dictionary<string, object?> { ["code"] = "InvalidRequest" });

    private static ValidationProblem ContactProblem(WishResult result) =>
        TypedResults.ValidationProblem(
            result.ContactProblems!.GroupBy(BookingTexts.FieldOf)
                .ToDictionary(g => g.Key, g => g.Select(p => BookingTexts.Contact(p, "en")).ToArray()),
            title: AgentTexts.Text("Api.Contact", Languages.English),
            extensions: new Dictionary<string, object?> { ["code"] = nameof(AgentFailure.InvalidContact) });

    internal static ProblemHttpResult Problem(AgentFailure failure)
    {
        return TypedResults.Problem(
            statusCode: AgentTexts.StatusCodeFor(failure), title: AgentTexts.ApiTitle(failure), detail: AgentTexts.Failure(failure, Languages.English),
            extensions: new Dictionary<string, object?> { ["code"] = failure.ToString() });
    }
}
