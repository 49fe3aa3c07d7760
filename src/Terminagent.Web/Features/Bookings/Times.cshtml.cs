using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Shared;

namespace Terminagent.Web.Features.Bookings;

/// <summary>
/// The free times a day at a time, for a phone first: a strip of the days with free times and
/// their counts, the chosen day's times under each office's name, and the earliest time of all.
/// </summary>
public sealed class TimesModel(City city, AvailabilityQuery availability, Clock clock, IStringLocalizer<BookingTexts> t, IStringLocalizer<InputTexts> inputTexts) : PageModel
{
    public Service? Service { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<FreeDay> Days { get; private set; } = [];

    /// <summary>The day whose times are shown: the one asked for, or else the first with free times.</summary>
    public LocalDate? Day { get; private set; }

    public IReadOnlyList<FreeTime> Times { get; private set; } = [];

    public FreeTime? Earliest { get; private set; }

    public string? Problem { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? BookLink(FreeTime time) => Url.BookLink(Service!.Id, time, Offices.Select(o => o.Id));

    /// <summary>
    /// The page for another day. Its fragment names the day's own link in the strip, so the browser
    /// scrolls the strip (sideways too) to show the chosen day, with its times right below, without JavaScript.
    /// </summary>
    public string? DayLink(LocalDate day) =>
        Url.Page(
            "/Bookings/Times", null,
            new { service = Service!.Id, office = Offices.Select(o => o.Id).ToArray(), day = Iso(day) },
            null, null, DayId(day));

    public static string DayId(LocalDate day) => "day-" + Iso(day);

    private static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", null);

    /// <summary>The shown day's times of each chosen office, in the order the offices were chosen.</summary>
    public IEnumerable<(Office Office, IReadOnlyList<FreeTime> Times)> TimesByOffice() =>
        Offices.Select(o => (o, (IReadOnlyList<FreeTime>)Times.Where(t => t.OfficeId == o.Id).ToList()));

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
        if (chosenDay.Refused)
        {
            Problem = inputTexts.DayRefusal(chosenDay.Problem);
            Response.StatusCode = 400;
        }

        var result = await availability.FindDayAsync(Service, Offices.Select(o => o.Id).ToList(), chosenDay.Value, clock.Now, ct);
        Days = result.Days;
        Day = result.Day;
        Times = result.Times;
        Earliest = result.Earliest;
        return Page();
    }

    private PageResult Fail(BookingFailure failure, int status)
    {
        Problem = t.Failure(failure);
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
