using Terminagent.Domain.Cities;

namespace Terminagent.Web.Features.Offices;

public sealed record OfficeDto(string Id, string Name, string Address, string TimeZone, bool HasKiosk);

public sealed record ServiceDto(string Id, string NameDe, string NameEn, int DurationMinutes, IReadOnlyList<string> Offices);

public static class OfficesApi
{
    public static void MapOfficesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/offices", (City city) =>
                TypedResults.Ok(city.Offices.Select(o => new OfficeDto(o.Id, o.Name, o.Address, o.Zone.Id, o.HasKiosk)).ToList()))
            .WithName("ListOffices").WithTags("City")
            .WithSummary("The city's offices.")
            .WithDescription("Each office with its address, time zone and whether it has a ticket kiosk. Times of the API are instants; `localStart` fields give them in the office's time zone.");
        api.MapGet("/services", (City city) =>
                TypedResults.Ok(city.Services.Select(s => new ServiceDto(s.Id, s.NameDe, s.NameEn, (int)s.Duration.TotalMinutes, s.OfficeIds)).ToList()))
            .WithName("ListServices").WithTags("City")
            .WithSummary("The services the offices offer.")
            .WithDescription("Each service with its German and English name, its duration and the offices that offer it.");
    }
}
