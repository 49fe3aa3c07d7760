using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>Books a free time for a caller: confirmed at once, the code read out to them.</summary>
public sealed class InfolineBookModel(City city, BookingService bookings, Clock clock, Language lang) : PageModel
{
    public Service? Service { get; private set; }
    public Office? Office { get; private set; }
    public Instant Start { get; private set; }
    public IReadOnlyList<string> SearchedOffices { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? EmailLanguage { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public string? Fatal { get; private set; }
    public IReadOnlyList<FreeTime> Alternatives { get; private set; } = [];
    public Booking? Booked { get; private set; }
    public bool AlreadyBooked { get; private set; }

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? LinkTo(FreeTime time) => InfolineLinks.Book(Url, Service!.Id, time, SearchedOffices);

    public IActionResult OnGet(string? service, string? at, string? start, string[]? office) =>
        Read(service, at, start, office) ? Page() : FatalPage(400);

    public async Task<IActionResult> OnPostAsync(string? service, string? at, string? start, string[]? office, CancellationToken ct)
    {
        if (!Read(service, at, start, office))
        {
            return FatalPage(400);
        }

        var language = Languages.Normalise(EmailLanguage);
        var result = await bookings.BookForCallerAsync(Service!.Id, Office!.Id, Start, Name, Email, Phone, language, SearchedOffices, ct);
        if (result.Succeeded)
        {
            Booked = result.Booking;
            AlreadyBooked = result.AlreadyDone;
            return Page();
        }

        if (result.ContactProblems is { Count: > 0 } problems)
        {
            foreach (var p in problems)
            {
                Errors.TryAdd(BookingTexts.FieldOf(p), BookingTexts.Contact(p, lang.Code));
            }

            Response.StatusCode = 400;
            return Page();
        }

        Fatal = BookingTexts.Failure(result.Failure!.Value, lang.Code);
        Alternatives = result.Alternatives ?? [];
        return FatalPage(result.Failure == BookingFailure.Taken ? 409 : 400);
    }

    private bool Read(string? service, string? at, string? start, string[]? office)
    {
        var chosen = ChosenTime.Read(city, clock.Now, service, at, start, office);
        (Service, Office, SearchedOffices) = (chosen.Service, chosen.Office, chosen.SearchedOffices);
        if (chosen.Problem is { } problem)
        {
            Fatal = BookingTexts.Failure(problem, lang.Code);
            return false;
        }

        Start = chosen.Start!.Value;
        return true;
    }

    private PageResult FatalPage(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
