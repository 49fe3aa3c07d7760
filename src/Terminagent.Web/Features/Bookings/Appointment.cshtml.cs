using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Bookings;

/// <summary>The manage page behind the link in the confirmation email.</summary>
public sealed class AppointmentModel(BookingService bookings, IStringLocalizer<BookingTexts> t, Clock clock) : PageModel
{
    public string Token { get; private set; } = "";
    public Booking? Booking { get; private set; }
    public string? Problem { get; private set; }
    public string? Notice { get; private set; }

    public bool CanChange => Booking is { Status: BookingStatus.Confirmed } b && b.Start > clock.Now;

    public async Task<IActionResult> OnGetAsync(string token, bool confirmed, bool moved, bool cancelled, CancellationToken ct)
    {
        Token = token;
        var result = await bookings.FindByLinkAsync(token, LinkPurpose.ManageBooking, ct);
        Notice = (confirmed, moved, cancelled) switch
        {
            (true, _, _) => t["Appointment.Confirmed"].Value,
            (_, true, _) => t["Appointment.Moved"].Value,
            (_, _, true) => t["Appointment.CancelledThanks"].Value,
            _ => null,
        };
        var page = Show(result);
        var status = Booking?.Status;
        if ((confirmed || moved) && status != BookingStatus.Confirmed || cancelled && status != BookingStatus.Cancelled)
        {
            Notice = null;
        }

        return page;
    }

    private PageResult Show(BookingResult result)
    {
        Booking = result.Booking;
        if (!result.Succeeded)
        {
            Problem = t.Failure(result.Failure!.Value);
            Response.StatusCode = BookingPages.StatusFor(result.Failure.Value);
        }

        return Page();
    }
}
