using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Shared;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Bookings;

public sealed class TimesModel(City city, AvailabilityQuery availability, Clock clock, Language lang) : PageModel
{
    public Service? Service { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<FreeTime> Times { get; private set; } = [];

    public IReadOnlyList<LocalDate> Days { get; private set; } = [];

    public LocalDate? Day { get; private set; }

    public bool MoreThanShown { get; private set; }

    public string? Problem { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? BookLink(FreeTime time) => Url.BookLink(Service!.Id, time, Offices.Select(o => o.Id));

    public async Task<IActionResult> OnGetAsync(string? service, string[]? office, string? day, CancellationToken ct)
    {
        Service = service is null ? null : city.FindService(service);
        if (Service is null)
        {
            return Fail(BookingFailure.UnknownService, 404);
        }

        if (office is not { Length: > 0 })
        {
            return RedirectToPage("/Bookings/Offices", new { service = Service.Id, missing = "true" });
        }

        var chosen = office.Distinct().Take(city.Offices.Count + 1).Select(city.FindOffice).ToList();
        if (chosen.Any(o => o is null) || chosen.Count > city.Offices.Count)
        {
            return Fail(BookingFailure.UnknownOffice, 404);
        }

        Offices = chosen!;
        if (Offices.Any(o => !Service.OfficeIds.Contains(o.Id)))
        {
            return Fail(BookingFailure.ServiceNotOfferedThere, 400);
        }

        var chosenDay = Moments.ReadDay(day, clock.Now);
        Day = chosenDay.Value;
        if (chosenDay.Refused)
        {
            Problem = Moments.DayRefusal(chosenDay.Problem, lang.Code);
            Response.StatusCode = 400;
        }

        var result = await availability.FindAsync(Service, Offices.Select(o => o.Id).ToList(), Day, clock.Now, ct);
        Times = result.Times;
        Days = result.Days;
        MoreThanShown = result.MoreThanShown;
        return Page();
    }

    private PageResult Fail(BookingFailure failure, int status)
    {
        Problem = BookingTexts.Failure(failure, lang.Code);
        Response.StatusCode = status;
        return Page();
    }
}

public static class BookingLinks
{
    /// <summary>The booking form for a free time; the searched offices come along so a lost race can offer alternatives there.</summary>
    public static string? BookLink(this IUrlHelper url, string serviceId, FreeTime time, IEnumerable<string> searchedOffices) =>
        url.Page("/Bookings/Book", new { service = serviceId, at = time.OfficeId, start = Display.InstantParameter(time.Start), office = searchedOffices.ToArray() });
}
