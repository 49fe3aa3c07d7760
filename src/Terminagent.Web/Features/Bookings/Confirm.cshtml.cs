using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;

namespace Terminagent.Web.Features.Bookings;

/// <summary>The page behind the confirmation link: opening it shows the hold, only the button confirms.</summary>
public sealed class ConfirmModel(BookingService bookings, IStringLocalizer<BookingTexts> t) : PageModel
{
    public Booking? Booking { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        Show(await bookings.FindByLinkAsync(token, LinkPurpose.ConfirmBooking, ct));

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await bookings.ConfirmAsync(token, ct);
        return result is { Succeeded: true, ManageSecret: { } manage }
            ? RedirectToPage("/Bookings/Appointment", new { token = manage, confirmed = "true" })
            : Show(result);
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

internal static class BookingPages
{
    public static int StatusFor(BookingFailure failure) => failure switch
    {
        BookingFailure.LinkInvalid or BookingFailure.UnknownService or BookingFailure.UnknownOffice => 404,
        BookingFailure.LinkExpired or BookingFailure.NoLongerActive => 410,
        BookingFailure.Taken or BookingFailure.TooLate => 409,
        _ => 400,
    };
}
