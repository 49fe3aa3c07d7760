using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Shared;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>The infoline's start: free times for a service across all offices or some, on one day or the next ones.</summary>
public sealed class InfolineIndexModel(City city, AvailabilityQuery availability, Clock clock, Language lang, IStringLocalizer<InfolineTexts> t) : PageModel
{
    public IReadOnlyList<Service> Services => city.Services;

    public IReadOnlyList<Office> AllOffices => city.Offices;

    public Service? Service { get; private set; }

    /// <summary>The offices ticked on the form; none means all that offer the service.</summary>
    public IReadOnlyList<string> Chosen { get; private set; } = [];

    /// <summary>The offices searched: those chosen (or all) that offer the service.</summary>
    public IReadOnlyList<Office> Searched { get; private set; } = [];

    public string? DayText { get; private set; }

    public LocalDate? Day { get; private set; }

    public IReadOnlyList<FreeTime> Times { get; private set; } = [];

    public bool MoreThanShown { get; private set; }

    public bool Searching => Service is not null && Problem is null;

    public string? Problem { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? BookLink(FreeTime time) => InfolineLinks.Book(Url, Service!.Id, time, Searched.Select(o => o.Id));

    public async Task<IActionResult> OnGetAsync(string? service, string[]? office, string? day, CancellationToken ct)
    {
        Chosen = (office ?? []).Where(o => city.FindOffice(o) is not null).Distinct().ToList();
        DayText = day;
        if (string.IsNullOrEmpty(service))
        {
            return Page();
        }

        Service = city.FindService(service);
        if (Service is null)
        {
            return Fail(BookingTexts.Failure(BookingFailure.UnknownService, lang.Code), 404);
        }

        var chosenDay = Moments.ReadDay(day, clock.Now);
        if (chosenDay.Refused)
        {
            return Fail(Moments.DayRefusal(chosenDay.Problem, lang.Code), 400);
        }

        Day = chosenDay.Value;

        Searched = city.OfficesOffering(Service).Where(o => Chosen.Count == 0 || Chosen.Contains(o.Id)).ToList();
        if (Searched.Count == 0)
        {
            return Fail(t["Times.NoneChosenOfficesOffers"], 400);
        }

        var result = await availability.FindAsync(Service, Searched.Select(o => o.Id).ToList(), Day, clock.Now, ct);
        Times = result.Times;
        MoreThanShown = result.MoreThanShown;
        return Page();
    }

    private PageResult Fail(string problem, int status)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}

/// <summary>Addresses of the infoline's pages.</summary>
public static class InfolineLinks
{
    /// <summary>The booking form for a free time; the searched offices come along for alternatives after a lost race.</summary>
    public static string? Book(IUrlHelper url, string serviceId, FreeTime time, IEnumerable<string> searchedOffices) =>
        url.Page("/Infoline/Book", new { service = serviceId, at = time.OfficeId, start = Display.InstantParameter(time.Start), office = searchedOffices.ToArray() });
}
