using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.OpenApi;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Availability;

public sealed record FreeTimeDto(string OfficeId, DateOnly Date, DateTimeOffset Start, DateTimeOffset End, string LocalStart)
{
    public static FreeTimeDto From(FreeTime time, City city)
    {
        var zone = city.FindOffice(time.OfficeId)!.Zone;
        return new FreeTimeDto(
            time.OfficeId, time.Date.ToDateOnly(), time.Start.ToDateTimeOffset(), time.End.ToDateTimeOffset(),
            LocalDateTimePattern.GeneralIso.Format(time.Start.InZone(zone).LocalDateTime));
    }
}

public sealed record FreeTimesDto(string ServiceId, IReadOnlyList<FreeTimeDto> Times, IReadOnlyList<DateOnly> Days);

public static class AvailabilityApi
{
    public static void MapAvailabilityApi(this RouteGroupBuilder api) =>
        api.MapGet("/services/{serviceId}/free-times", FreeTimesAsync)
            .WithName("ListFreeTimes").WithTags("Booking")
            .WithSummary("Free times for a service at one or more offices, earliest first.")
            .WithDescription(
                "Without `office`, at every office that offers the service; without `day`, the first free times from now on, " +
                "with `days` listing the days that have any. A time listed here may be taken by someone else before it is held.")
            .Refuses(400, "Too many offices, an office that does not offer the service, or a day not written as yyyy-MM-dd.", "InvalidRequest")
            .Refuses(404, "The service does not exist.", "NotFound");

    private static async Task<Results<Ok<FreeTimesDto>, ProblemHttpResult>> FreeTimesAsync(
        string serviceId, string[]? office, string? day, City city, AvailabilityQuery query, Clock clock, IStringLocalizer<AvailabilityTexts> t, HttpContext http, CancellationToken ct)
    {
        if (city.FindService(serviceId) is not { } service)
        {
            return TypedResults.Problem(statusCode: 404, title: t.Api(http, "Api.UnknownService"), detail: t.Api(http, "Api.UnknownServiceDetail", Truncate(serviceId)));
        }

        var offices = office is { Length: > 0 } ? office.Distinct().ToList() : service.OfficeIds.ToList();
        if (offices.Count > city.Offices.Count)
        {
            return TypedResults.Problem(statusCode: 400, title: t.Api(http, "Api.TooManyOffices"));
        }

        var unknown = offices.FirstOrDefault(o => !service.OfficeIds.Contains(o));
        if (unknown is not null)
        {
            return TypedResults.Problem(statusCode: 400, title: t.Api(http, "Api.OfficeNotOffering"),
                detail: t.Api(http, "Api.OfficeNotOfferingDetail", Truncate(unknown), service.Id));
        }

        var date = Moments.ReadDay(day, clock.Now);
        if (date.Refused)
        {
            return TypedResults.Problem(statusCode: 400, title: t.Api(http, "Api.InvalidDay"), detail: date.Problem == MomentProblem.OutOfReach
                ? t.Api(http, "Api.DayOutOfReach", Moments.YearsReachable)
                : t.Api(http, "Api.DayUnreadable"));
        }

        var result = await query.FindAsync(service, offices, date.Value, clock.Now, ct);
        return TypedResults.Ok(new FreeTimesDto(
            service.Id, result.Times.Select(t => FreeTimeDto.From(t, city)).ToList(), result.Days.Select(d => d.ToDateOnly()).ToList()));
    }

    internal static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
