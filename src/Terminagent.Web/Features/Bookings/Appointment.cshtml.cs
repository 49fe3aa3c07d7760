using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Bookings;

/// <summary>The manage page behind the link in the confirmation email.</summary>
public sealed class AppointmentModel(BookingService bookings, Language lang, Clock clock) : PageModel
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
            (true, _, _) => lang.L("Ihr Termin ist verbindlich gebucht. Die Bestätigung mit Kalenderdatei ist unterwegs zu Ihnen.", "Your appointment is booked. The confirmation with a calendar file is on its way to you."),
            (_, true, _) => lang.L("Ihr Termin wurde verlegt. Wir haben Ihnen die neue Zeit per E-Mail geschickt.", "Your appointment has been moved. We have emailed you the new time."),
            (_, _, true) => lang.L("Ihr Termin ist abgesagt. Vielen Dank, dass Sie ihn freigegeben haben.", "Your appointment is cancelled. Thank you for releasing it."),
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
            Problem = BookingTexts.Failure(result.Failure!.Value, lang.Code);
            Response.StatusCode = BookingPages.StatusFor(result.Failure.Value);
        }

        return Page();
    }
}
