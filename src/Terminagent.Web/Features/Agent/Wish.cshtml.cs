using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>The form to leave a wish: offices, weekdays, times of day, dates and contact.</summary>
public sealed class WishModel(City city, WishService wishes, WaitEstimates waits, Clock clock, Language lang, ChallengeForm challenges, RateLimits limits)
    : WishFormPage(city, wishes, clock, lang)
{
    private ChallengeField? challenge;

    /// <summary>The wait for the choices on the form, when they make a wish; null otherwise.</summary>
    public WaitEstimate? Estimate { get; private set; }

    /// <summary>Whether the choices on the form could be estimated at all (they make a valid wish).</summary>
    public bool Estimated { get; private set; }

    /// <summary>What wider choices would do to the wait.</summary>
    public IReadOnlyList<WaitAlternative> Alternatives { get; private set; } = [];

    public Office? OfficeOf(string id) => City.FindOffice(id);

    /// <summary>Re-renders the form with the wait for the changed choices: registers nothing and keeps the proof-of-work for the real submit.</summary>
    public IActionResult OnPostEstimate()
    {
        TryReadPostedWish([], out _);
        challenge = challenges.Keep(ChallengePurpose.Wish, Request);
        return Page();
    }

    /// <summary>After any handler that shows the form: the wait for the choices on it, and for the wider ones.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not null || executed.Result is not PageResult || Registered is not null || Service is null || Fields is null)
        {
            return;
        }

        var errors = new Dictionary<string, string>();
        var now = Clock.Now;
        if (Fields.Form.ToRequest(Service.Id, now, errors, Lang.Code) is { } request && Wishes.Check(request, now).Definition is { } definition)
        {
            var ct = HttpContext.RequestAborted;
            Estimated = true;
            Estimate = await waits.EstimateAsync(definition, ct);
            Alternatives = await waits.AlternativesAsync(definition, Estimate, ct);
        }
    }

    /// <summary>The proof-of-work the form carries: a new one unless a posted one is kept.</summary>
    public ChallengeField ProofOfWork => challenge ??= challenges.Fresh(ChallengePurpose.Wish);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Entries a person must correct do not spend the challenge: the corrected form sends it again.
        if (!TryReadPostedWish(Contact.Create(Name, Email, Phone).Problems, out var request))
        {
            challenge = challenges.Keep(ChallengePurpose.Wish, Request);
            return Page();
        }

        var spent = await challenges.SpendAsync(ChallengePurpose.Wish, Request, ct);
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

        var result = await Wishes.RegisterAsync(request, Name, Email, Phone, Lang.Code, ct);
        if (!result.Succeeded)
        {
            AddContactProblems(result.ContactProblems ?? []);
            WishForm.AddFailure(Errors, result.Failure!.Value, Lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
            CapAnswers.RetryAfter(HttpContext, result.RetryAt);
            return Page();
        }

        Registered = result.Wish;
        UpdatesExisting = result.UpdatesExisting;
        return Page();
    }
}

/// <summary>What the wish form shows: the service's offices and weekdays, the entries, and their errors.</summary>
public sealed record WishFields(
    Service Service,
    IReadOnlyList<Office> Offices,
    IReadOnlyList<IsoDayOfWeek> Days,
    IReadOnlyList<LocalTime> Times,
    WishForm Form,
    IReadOnlyDictionary<string, string> Errors)
{
    public const int Rows = WishService.MaxWindows;

    public static WishFields For(City city, Service service, WishForm form, IReadOnlyDictionary<string, string> errors)
    {
        var offices = city.OfficesOffering(service).ToList();
        var days = new SortedSet<IsoDayOfWeek>(WishDefinition.Workdays);
        days.UnionWith(offices.SelectMany(o => o.OpeningHours.Where(h => h.Value.Count > 0).Select(h => h.Key)));
        days.UnionWith(form.Days);
        var times = new SortedSet<LocalTime>();
        for (var t = WishForm.FirstTime; t <= WishForm.LastTime; t = t.PlusMinutes(15))
        {
            times.Add(t);
        }

        times.UnionWith(form.Windows.SelectMany(w => new[] { WishForm.ParseTime(w.From), WishForm.ParseTime(w.To) }).OfType<LocalTime>());
        return new WishFields(service, offices, days.ToList(), times.ToList(), form, errors);
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;
}

/// <summary>The wish form's entries as typed, before they are checked.</summary>
public sealed record WishForm(
    IReadOnlyList<string> Offices,
    IReadOnlyList<IsoDayOfWeek> Days,
    IReadOnlyList<(string? From, string? To)> Windows,
    string? Earliest,
    string? Latest)
{
    public static readonly LocalTime FirstTime = new(7, 0);
    public static readonly LocalTime LastTime = new(20, 0);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static string Format(LocalTime time) => TimePattern.Format(time);

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalTime? ParseTime(string? text) =>
        text is { Length: 5 } && TimePattern.Parse(text) is { Success: true } r ? r.Value : null;

    /// <summary>All weekdays and the widest opening hours of the service's offices: the shortest wait.</summary>
    public static WishForm Default(City city, Service service, IReadOnlyList<string> offices)
    {
        var periods = city.OfficesOffering(service).SelectMany(o => o.OpeningHours.Values).SelectMany(p => p).ToList();
        var from = periods.Count > 0 ? periods.Min(p => p.From) : new LocalTime(8, 0);
        var to = periods.Count > 0 ? periods.Max(p => p.To) : new LocalTime(18, 0);
        from = from < FirstTime ? FirstTime : from;
        to = to > LastTime ? LastTime : to;
        return new WishForm(
            offices,
            WishDefinition.Workdays,
            [(Format(from), Format(to))],
            null,
            null);
    }

    public static WishForm From(WishDefinition definition) => new(
        definition.OfficeIds,
        definition.Weekdays,
        definition.Windows.Select(w => ((string?)Format(w.From), (string?)Format(w.To))).ToList(),
        definition.Earliest is { } e ? Format(e) : null,
        definition.Latest is { } l ? Format(l) : null);

    public static WishForm Read(IFormCollection form)
    {
        var days = form["day"]
            .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 7 ? (IsoDayOfWeek)n : IsoDayOfWeek.None)
            .Where(d => d != IsoDayOfWeek.None)
            .Distinct()
            .ToList();
        var windows = Enumerable.Range(1, WishFields.Rows)
            .Select(i => ((string?)form[$"from-{i}"].FirstOrDefault(), (string?)form[$"to-{i}"].FirstOrDefault()))
            .ToList();
        return new WishForm(
            form["office"].OfType<string>().Distinct().Take(100).ToList(),
            days,
            windows,
            form["earliest"].FirstOrDefault(),
            form["latest"].FirstOrDefault());
    }

    public string? From(int row) => row < Windows.Count ? Windows[row].From : null;

    public string? To(int row) => row < Windows.Count ? Windows[row].To : null;

    /// <summary>The request for the wish service, or null with errors when an entry is missing or cannot be read.</summary>
    public WishRequest? ToRequest(string serviceId, Instant now, Dictionary<string, string> errors, string lang)
    {
        var windows = new List<TimeWindow>();
        foreach (var (from, to) in Windows)
        {
            if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
            {
                continue;
            }

            if (ParseTime(from) is { } f && ParseTime(to) is { } t)
            {
                windows.Add(new TimeWindow(f, t));
            }
            else
            {
                errors.TryAdd("windows", AgentTexts.Text("Form.WindowIncomplete", lang));
            }
        }

        if (Offices.Count == 0)
        {
            AddFailure(errors, AgentFailure.NoOffice, lang);
        }

        if (Days.Count == 0)
        {
            AddFailure(errors, AgentFailure.NoWeekday, lang);
        }

        if (windows.Count == 0)
        {
            AddFailure(errors, AgentFailure.NoTimeWindow, lang);
        }

        var earliest = ParseDate(Earliest, "earliest", now, errors, lang);
        var latest = ParseDate(Latest, "latest", now, errors, lang);
        return errors.Count > 0 ? null : new WishRequest(serviceId, Offices, Days, windows, earliest, latest);
    }

    public static void AddFailure(Dictionary<string, string> errors, AgentFailure failure, string lang)
    {
        var field = failure switch
        {
            AgentFailure.NoOffice or AgentFailure.UnknownOffice => "offices",
            AgentFailure.NoWeekday => "days",
            AgentFailure.NoTimeWindow or AgentFailure.InvalidTimeWindow => "windows",
            AgentFailure.InvalidDateRange => "latest",
            _ => null,
        };
        if (field is not null)
        {
            errors.TryAdd(field, AgentTexts.Failure(failure, lang));
        }
        else if (failure != AgentFailure.InvalidContact)
        {
            errors.TryAdd("form", AgentTexts.Failure(failure, lang));
        }
    }

    private static LocalDate? ParseDate(string? text, string field, Instant now, Dictionary<string, string> errors, string lang)
    {
        var read = Moments.ReadDay(text, now);
        if (read.Problem == MomentProblem.OutOfReach)
        {
            errors.TryAdd(field, AgentTexts.Text("Form.DateOutOfReach", lang, Moments.YearsReachable));
        }
        else if (read.Refused)
        {
            errors.TryAdd(field, AgentTexts.Text("Form.DateUnreadable", lang));
        }

        return read.Value;
    }
}
