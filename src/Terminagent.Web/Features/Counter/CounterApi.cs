using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Staff;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;
using Terminagent.Web.Features.OpenApi;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Counter;

public sealed record VisitDto(
    Guid Id, string Label, string Kind, string ServiceId, string Status, string? Counter,
    DateTimeOffset DueAt, DateTimeOffset ArrivedAt, DateTimeOffset? CalledAt, int CallCount, double? WaitedMinutes)
{
    public static VisitDto From(Visit v) => new(
        v.Id, v.Label, v.Kind.ToString().ToLowerInvariant(), v.ServiceId, v.Status.ToString().ToLowerInvariant(), v.Counter,
        v.DueAt.ToDateTimeOffset(), v.ArrivedAt.ToDateTimeOffset(), v.CalledAt?.ToDateTimeOffset(), v.CallCount,
        v.WaitingTime?.TotalMinutes);
}

public sealed record ExpectedDto(Guid BookingId, string Code, string ServiceId, DateTimeOffset Start);

public sealed record FiguresDto(
    int Waiting, int Served, int NoShows, int MissedAppointments, int Called, double? AverageWaitMinutes, double? LongestWaitMinutes);

public sealed record QueueDto(
    string OfficeId, string Day, int Counters, IReadOnlyList<VisitDto> Waiting, IReadOnlyList<VisitDto> Called,
    IReadOnlyList<VisitDto> Parked, IReadOnlyList<ExpectedDto> Expected, FiguresDto Figures);

/// <summary>The counter for other clients (a ticket printer's panel, a dashboard): the same rules as the pages.</summary>
public static class CounterApi
{
    public static void MapCounterApi(this IEndpointRouteBuilder app)
    {
        var office = app.MapGroup("/api/v1/staff/offices/{office}")
            .WithTags("Counter")
            .RequireStaffTask(StaffTask.WorkAtCounter);
        office.MapGet("/queue", QueueAsync).WithName("OfficeQueue")
            .WithSummary("Today's queue of an office (waiting in call order, called, parked, expected appointments) and today's figures.")
            .WithDescription("For staff who work at the office's counters, e.g. a dashboard or a ticket printer's panel.")
            .Refuses(404, "The office does not exist.", nameof(CounterRefusal.UnknownOffice));
        office.MapPost("/counters/{counter:int}/call-next", CallNextAsync).WithName("CallNext")
            .WithSummary("Calls the first waiting citizen to the counter; refused while the counter has an unfinished call or nobody waits.")
            .WithDescription("The call shows on the office's call display at once. Appointments due now come before tickets, in the order the pages use.")
            .Refuses(404, "The office or counter does not exist.", nameof(CounterRefusal.UnknownOffice), nameof(CounterRefusal.UnknownCounter))
            .Refuses(409, "The counter has an unfinished call, nobody is waiting, or someone else acted first.",
                nameof(CounterRefusal.CounterBusy), nameof(CounterRefusal.NobodyWaiting), nameof(CounterRefusal.ChangedMeanwhile))
            .Refuses(503, "Too many calls at once; try again.", nameof(CounterRefusal.TryAgain));
    }

    private static async Task<Results<Ok<QueueDto>, ProblemHttpResult, ForbidHttpResult>> QueueAsync(
        string office, ClaimsPrincipal user, City city, OfficeQueueQuery queues, CancellationToken ct)
    {
        if (Unknown(city, office, null) is { } unknown)
        {
            return unknown;
        }

        if (!MayWorkAt(user, office))
        {
            return TypedResults.Forbid();
        }

        var q = (await queues.LoadAsync(office, ct))!;
        var f = q.Figures;
        return TypedResults.Ok(new QueueDto(
            q.Office.Id, LocalDatePattern.Iso.Format(q.Day), Counters.CountAt(q.Office),
            q.Waiting.Select(VisitDto.From).ToList(), q.Called.Select(VisitDto.From).ToList(), q.Parked.Select(VisitDto.From).ToList(),
            q.Expected.Select(e => new ExpectedDto(e.BookingId, e.Code, e.ServiceId, e.Start.ToDateTimeOffset())).ToList(),
            new FiguresDto(f.Waiting, f.Served, f.NoShows, f.MissedAppointments, f.Called, f.AverageWait?.TotalMinutes, f.LongestWait?.TotalMinutes)));
    }

    private static async Task<Results<Ok<VisitDto>, ProblemHttpResult, ForbidHttpResult>> CallNextAsync(
        string office, int counter, ClaimsPrincipal user, City city, CounterService counters, CancellationToken ct)
    {
        if (Unknown(city, office, counter) is { } unknown)
        {
            return unknown;
        }

        if (!MayWorkAt(user, office))
        {
            return TypedResults.Forbid();
        }

        var result = await counters.CallNextAsync(office, counter, ct);
        return result.Succeeded ? TypedResults.Ok(VisitDto.From(result.Visit!)) : Problem(result);
    }

    private static ProblemHttpResult? Unknown(City city, string officeId, int? counter) =>
        city.FindOffice(officeId) is not { } office ? Problem(CounterResult.Refused(CounterRefusal.UnknownOffice))
        : counter is { } n && !Counters.Exists(office, n) ? Problem(CounterResult.Refused(CounterRefusal.UnknownCounter))
        : null;

    /// <summary>The policy let in who may work at some counter; this is whether at this office's.</summary>
    private static bool MayWorkAt(ClaimsPrincipal user, string officeId) =>
        StaffMember.From(user)?.MayDoAt(StaffTask.WorkAtCounter, officeId) == true;

    internal static ProblemHttpResult Problem(CounterResult result)
    {
        var refusal = result.Refusal!.Value;
        var status = refusal switch
        {
            CounterRefusal.UnknownOffice or CounterRefusal.UnknownCounter or CounterRefusal.UnknownVisit => StatusCodes.Status404NotFound,
            CounterRefusal.TryAgain => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status409Conflict,
        };
        return TypedResults.Problem(
            statusCode: status, title: CounterTexts.ProblemTitle(refusal), detail: CounterTexts.Refusal(result, Languages.English),
            extensions: new Dictionary<string, object?> { ["code"] = refusal.ToString() });
    }
}
