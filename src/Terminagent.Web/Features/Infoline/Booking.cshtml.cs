using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Infoline;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>
/// A caller's booking, found by its code and the holder's name, to move or cancel. Code and name
/// travel in every form (posted, never in an address), and each action finds the booking anew.
/// </summary>
public sealed class InfolineBookingModel(
    City city, InfolineService infoline, BookingService bookings, AvailabilityQuery availability, Clock clock, Language lang, AuditLog audit, IStringLocalizer<InfolineTexts> t)
    : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }

    public Booking? Booking { get; private set; }
    public ChangeRefusal? Refusal { get; private set; }
    public string? Problem { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>The confirming step of a cancellation: the booking is shown with the question, and only its button cancels.</summary>
    public bool AskingToCancel { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public string? OfficeFilter { get; private set; }
    public string? DayText { get; private set; }
    public IReadOnlyList<FreeTime> Times { get; private set; } = [];
    public bool MoreThanShown { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? office, string? day, CancellationToken ct)
    {
        // A day that cannot be searched refuses the whole look-up: nothing is shown, nothing recorded.
        var chosenDay = Moments.ReadDay(day, clock.Now);
        if (chosenDay.Refused)
        {
            Problem = Moments.DayRefusal(chosenDay.Problem, lang.Code);
            Response.StatusCode = 400;
            return Page();
        }

        if (!await FindAsync(ct))
        {
            return Page();
        }

        // Looking up shows a citizen's data: who looked at which booking is in the audit log.
        await audit.RecordAsync(AuditActions.BookingLookUp, Booking!.OfficeId, $"Code: {Booking.Code}", ct);
        await ShowAsync(office, day, chosenDay.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(string? at, string? start, CancellationToken ct)
    {
        if (!await FindAsync(ct))
        {
            return Page();
        }

        if (Moments.ReadInstant(start, clock.Now).Value is not { } instant || string.IsNullOrEmpty(at))
        {
            return await FailAsync(BookingTexts.Failure(BookingFailure.UnknownTime, lang.Code), 400, ct);
        }

        if (infoline.RefusalFor(Booking!) is { } refusal)
        {
            return await FailAsync(InfolineTexts.Refusal(refusal, lang.Code), 409, ct);
        }

        var result = await bookings.RescheduleAsync(Booking!, at, instant, ct);
        if (!result.Succeeded)
        {
            // A move that failed half-way was rolled back: show the booking as the database has it.
            Booking = await infoline.FindBookingAsync(Code, Name, ct) ?? Booking;
            await FailAsync(BookingTexts.Failure(result.Failure!.Value, lang.Code), BookingPages.StatusFor(result.Failure.Value), ct);
            if (result.Alternatives is { Count: > 0 } alternatives)
            {
                Times = alternatives;
                MoreThanShown = false;
            }

            return Page();
        }

        Booking = result.Booking;
        Notice = result.AlreadyDone && result.Booking!.Start == instant && result.Booking.OfficeId == at
            ? t["Booking.AppointmentAlreadyTimeNothing"]
            : result.AlreadyDone
                ? t["Booking.AppointmentWasChangedElsewhere"]
                : t["Booking.AppointmentHasBeenMoved"]
                    + (Booking!.Email is not null ? " " + t["Booking.CallerAlsoGetsNew"] : "");
        await ShowAsync(null, null, null, ct);
        return Page();
    }

    /// <summary>Without <paramref name="confirmed"/> (the first click) this only asks; the confirming step's button cancels.</summary>
    public async Task<IActionResult> OnPostCancelAsync([FromForm] bool confirmed, CancellationToken ct)
    {
        if (!await FindAsync(ct))
        {
            return Page();
        }

        if (infoline.RefusalFor(Booking!) is { } refusal)
        {
            return await FailAsync(InfolineTexts.Refusal(refusal, lang.Code), 409, ct);
        }

        if (!confirmed)
        {
            AskingToCancel = true;
            return Page();
        }

        var result = await bookings.CancelAsync(Booking!, ct);
        if (!result.Succeeded)
        {
            return await FailAsync(BookingTexts.Failure(result.Failure!.Value, lang.Code), BookingPages.StatusFor(result.Failure.Value), ct);
        }

        Booking = result.Booking;
        Notice = Booking!.Status != Domain.Bookings.BookingStatus.Cancelled
            ? t["Booking.AppointmentWasChangedElsewhere2"]
            : t["Booking.AppointmentCancelledTimeFree"]
                + (Booking.Email is not null ? " " + t["Booking.CallerGetsConfirmationEmail"] : "");
        await ShowAsync(null, null, null, ct);
        return Page();
    }

    private async Task<bool> FindAsync(CancellationToken ct)
    {
        Booking = await infoline.FindBookingAsync(Code, Name, ct);
        if (Booking is null)
        {
            Problem = InfolineTexts.NotFound(lang.Code);
            Response.StatusCode = 404;
            return false;
        }

        return true;
    }

    /// <summary>The booking as it stands, and when it can still change, the free times to move it to.</summary>
    private async Task ShowAsync(string? office, string? dayText, LocalDate? day, CancellationToken ct)
    {
        Refusal = infoline.RefusalFor(Booking!);
        if (Refusal is not null)
        {
            return;
        }

        var service = city.FindService(Booking!.ServiceId)!;
        Offices = city.OfficesOffering(service).ToList();
        OfficeFilter = Offices.Any(o => o.Id == office) ? office : null;
        DayText = dayText;
        var result = await availability.FindAsync(service, OfficeFilter is null ? service.OfficeIds : [OfficeFilter], day, clock.Now, ct);
        Times = result.Times;
        MoreThanShown = result.MoreThanShown;
    }

    private async Task<PageResult> FailAsync(string problem, int status, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = status;
        await ShowAsync(null, null, null, ct);
        return Page();
    }
}
