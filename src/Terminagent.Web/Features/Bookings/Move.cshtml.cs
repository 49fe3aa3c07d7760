using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;

namespace Terminagent.Web.Features.Bookings;

public sealed class MoveModel(City city, BookingService bookings, AvailabilityQuery availability, Clock clock, IStringLocalizer<BookingTexts> t, IStringLocalizer<InputTexts> inputTexts) : PageModel
{
    public string Token { get; private set; } = "";
    public Booking? Booking { get; private set; }
    public Service? Service { get; private set; }
    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public string? OfficeFilter { get; private set; }
    public LocalDate? Day { get; private set; }
    public IReadOnlyList<LocalDate> Days { get; private set; } = [];
    public IReadOnlyList<FreeTime> Times { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The time chosen from the list, to be confirmed before the appointment moves.</summary>
    public (Office Office, Instant Start)? Chosen { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public async Task<IActionResult> OnGetAsync(string token, string? office, string? day, string? at, string? start, CancellationToken ct)
    {
        await LoadAsync(token, office, day, ct);
        var chosenStart = Moments.ReadInstant(start, clock.Now);
        if (Service is not null && at is not null && Offices.FirstOrDefault(o => o.Id == at) is { } chosenOffice && chosenStart.Value is { } instant)
        {
            Chosen = (chosenOffice, instant);
        }
        else if (Service is not null && chosenStart.Refused)
        {
            Problem = t.Failure(BookingFailure.UnknownTime);
            Response.StatusCode = 400;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? at, string? start, CancellationToken ct)
    {
        if (Moments.ReadInstant(start, clock.Now).Value is not { } instant || at is null)
        {
            Problem = t.Failure(BookingFailure.UnknownTime);
            Response.StatusCode = 400;
            await LoadAsync(token, null, null, ct);
            return Page();
        }

        var result = await bookings.RescheduleAsync(token, at, instant, ct);
        if (result.Succeeded)
        {
            return RedirectToPage("/Bookings/Appointment", new { token, moved = "true" });
        }

        Problem = t.Failure(result.Failure!.Value);
        Response.StatusCode = BookingPages.StatusFor(result.Failure.Value);
        await LoadAsync(token, null, null, ct);
        if (result.Alternatives is { Count: > 0 } alternatives)
        {
            Times = alternatives;
        }

        return Page();
    }

    private async Task LoadAsync(string token, string? office, string? day, CancellationToken ct)
    {
        Token = token;
        var found = await bookings.FindByLinkAsync(token, LinkPurpose.ManageBooking, ct);
        if (!found.Succeeded)
        {
            Problem ??= t.Failure(found.Failure!.Value);
            Response.StatusCode = BookingPages.StatusFor(found.Failure!.Value);
            return;
        }

        if (found.Booking!.Status != BookingStatus.Confirmed || found.Booking.Start <= clock.Now)
        {
            Problem ??= t.Failure(found.Booking.Status == BookingStatus.Confirmed ? BookingFailure.TooLate : BookingFailure.NoLongerActive);
            Response.StatusCode = 409;
            return;
        }

        Booking = found.Booking;
        Service = city.FindService(Booking.ServiceId)!;
        Offices = city.OfficesOffering(Service).ToList();
        OfficeFilter = Offices.Any(o => o.Id == office) ? office : null;
        var chosenDay = Moments.ReadDay(day, clock.Now);
        Day = chosenDay.Value;
        if (chosenDay.Refused)
        {
            Problem ??= inputTexts.DayRefusal(chosenDay.Problem);
            Response.StatusCode = 400;
        }

        var result = await availability.FindAsync(Service, OfficeFilter is null ? Service.OfficeIds : [OfficeFilter], Day, clock.Now, ct);
        Days = result.Days;
        Times = result.Times;
    }
}
