using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Bookings;

/// <summary>
/// The confirming step before an appointment is cancelled: opening it shows which appointment,
/// only its button (POST) cancels, so a stray click on the manage page loses nothing.
/// </summary>
public sealed class CancelModel(BookingService bookings, IStringLocalizer<BookingTexts> t, Clock clock) : PageModel
{
    public string Token { get; private set; } = "";
    public Booking? Booking { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        var found = await bookings.FindByLinkAsync(token, LinkPurpose.ManageBooking, ct);
        if (!found.Succeeded)
        {
            return Refuse(found.Failure!.Value);
        }

        if (found.Booking!.Status != BookingStatus.Confirmed || found.Booking.Start <= clock.Now)
        {
            return Refuse(found.Booking.Status == BookingStatus.Confirmed ? BookingFailure.TooLate : BookingFailure.NoLongerActive);
        }

        Booking = found.Booking;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Token = token;
        var result = await bookings.CancelAsync(token, ct);
        return result.Succeeded ? RedirectToPage("/Bookings/Appointment", new { token, cancelled = "true" }) : Refuse(result.Failure!.Value);
    }

    private PageResult Refuse(BookingFailure failure)
    {
        Problem = t.Failure(failure);
        Response.StatusCode = BookingPages.StatusFor(failure);
        return Page();
    }
}
