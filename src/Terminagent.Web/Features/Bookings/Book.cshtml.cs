using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Bookings;

public sealed class BookModel(City city, BookingService bookings, Clock clock, Language lang, IStringLocalizer<BookingTexts> t, ChallengeForm challenges, RateLimits limits) : PageModel
{
    private ChallengeField? challenge;

    public Service? Service { get; private set; }
    public Office? Office { get; private set; }
    public Instant Start { get; private set; }
    public IReadOnlyList<string> SearchedOffices { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public string? Fatal { get; private set; }
    public IReadOnlyList<FreeTime> Alternatives { get; private set; } = [];
    public Booking? Held { get; private set; }

    /// <summary>The proof-of-work the form carries: a new one unless a posted one is kept.</summary>
    public ChallengeField ProofOfWork => challenge ??= challenges.Fresh(ChallengePurpose.Booking);

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? LinkTo(FreeTime time) => Url.BookLink(Service!.Id, time, SearchedOffices);

    public IActionResult OnGet(string? service, string? at, string? start, string[]? office) =>
        Read(service, at, start, office) ? Page() : FatalPage();

    public async Task<IActionResult> OnPostAsync(string? service, string? at, string? start, string[]? office, CancellationToken ct)
    {
        if (!Read(service, at, start, office))
        {
            return FatalPage();
        }

        // Entries a person must correct do not spend the challenge: the corrected form sends it again.
        if (Contact.Create(Name, Email, Phone).Problems is { Count: > 0 } entered)
        {
            challenge = challenges.Keep(ChallengePurpose.Booking, Request);
            return ContactProblems(entered);
        }

        var spent = await challenges.SpendAsync(ChallengePurpose.Booking, Request, ct);
        challenge = spent.Field;
        if (!spent.Passed)
        {
            Errors["challenge"] = spent.Problem!;
            Response.StatusCode = spent.StatusCode;
            return Page();
        }

        if (await limits.CheckEmailAsync(HttpContext, Email) is { Limited: true } limited)
        {
            return new RateLimitedResult(limited);
        }

        var result = await bookings.HoldAsync(Service!.Id, Office!.Id, Start, Name, Email, Phone, lang.Code, SearchedOffices, ct);
        if (result.Succeeded)
        {
            Held = result.Booking;
            return Page();
        }

        if (result.ContactProblems is { Count: > 0 } problems)
        {
            return ContactProblems(problems);
        }

        Fatal = t.Failure(result.Failure!.Value);
        Alternatives = result.Alternatives ?? [];
        Response.StatusCode = result.Failure switch
        {
            BookingFailure.Taken => 409,
            BookingFailure.TooManyActive => 429,
            _ => 400,
        };
        CapAnswers.RetryAfter(HttpContext, result.RetryAt);

        return Page();
    }

    private bool Read(string? service, string? at, string? start, string[]? office)
    {
        var chosen = ChosenTime.Read(city, clock.Now, service, at, start, office);
        (Service, Office, SearchedOffices) = (chosen.Service, chosen.Office, chosen.SearchedOffices);
        if (chosen.Problem is { } problem)
        {
            Fatal = t.Failure(problem);
            return false;
        }

        Start = chosen.Start!.Value;
        return true;
    }

    private PageResult ContactProblems(IEnumerable<ContactProblem> problems)
    {
        foreach (var p in problems)
        {
            Errors.TryAdd(BookingTexts.FieldOf(p), t.Contact(p));
        }

        Response.StatusCode = 400;
        return Page();
    }

    private PageResult FatalPage()
    {
        Response.StatusCode = 400;
        return Page();
    }
}
