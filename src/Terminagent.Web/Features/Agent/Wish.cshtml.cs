using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Booking;
using Terminagent.Domain.City;
using Terminagent.Web.Features.Booking;
using Terminagent.Web.Localization;
using Terminagent.Web.Time;

namespace Terminagent.Web.Features.Agent;

/// <summary>The form to leave a wish: offices, weekdays, times of day, dates and contact.</summary>
public sealed class WishModel(City city, WishService wishes, Clock clock, Language lang) : PageModel
{
    public Service? Service { get; private set; }

    public IReadOnlyList<Service> Services => city.Services;

    public WishFields? Fields { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Problem { get; private set; }

    public Wish? Registered { get; private set; }

    public bool UpdatesExisting { get; private set; }

    public IActionResult OnGet(string? service, string[]? office)
    {
        if (!ReadService(service))
        {
            return Page();
        }

        var chosen = (office ?? []).Where(Service!.OfficeIds.Contains).Distinct().ToList();
        Fields = WishFields.For(city, Service!, WishForm.Default(city, Service!, chosen), Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ReadService(Request.Form["service"]))
        {
            return Page();
        }

        var form = WishForm.Read(Request.Form);
        Fields = WishFields.For(city, Service!, form, Errors);
        var request = form.ToRequest(Service!.Id, Errors, lang.Code);
        if (request is not null && wishes.Check(request, clock.Now).Failure is { } failure)
        {
            WishForm.AddFailure(Errors, failure, lang.Code);
        }

        var (_, problems) = Contact.Create(Name, Email, Phone);
        AddContactProblems(problems);
        if (Errors.Count > 0 || request is null)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var result = await wishes.RegisterAsync(request, Name, Email, Phone, lang.Code, ct);
        if (!result.Succeeded)
        {
            AddContactProblems(result.ContactProblems ?? []);
            WishForm.AddFailure(Errors, result.Failure!.Value, lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
            return Page();
        }

        Registered = result.Wish;
        UpdatesExisting = result.UpdatesExisting;
        return Page();
    }

    private void AddContactProblems(IEnumerable<ContactProblem> problems)
    {
        foreach (var p in problems)
        {
            var field = p.ToString().StartsWith("Name", StringComparison.Ordinal) ? "name" : p.ToString().StartsWith("Email", StringComparison.Ordinal) ? "email" : "phone";
            Errors.TryAdd(field, BookingTexts.Contact(p, lang.Code));
        }
    }

    private bool ReadService(string? service)
    {
        Service = string.IsNullOrEmpty(service) ? null : city.FindService(service);
        if (Service is not null)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(service))
        {
            Problem = AgentTexts.Failure(AgentFailure.UnknownService, lang.Code);
            Response.StatusCode = 404;
        }

        return false;
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
    public const int Rows = 3;

    public static WishFields For(City city, Service service, WishForm form, IReadOnlyDictionary<string, string> errors)
    {
        var offices = city.OfficesOffering(service).ToList();
        var days = new SortedSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
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
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
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
    public WishRequest? ToRequest(string serviceId, Dictionary<string, string> errors, string lang)
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
                errors.TryAdd("windows", Language.Pick(lang, "Bitte wählen Sie für jede Uhrzeit „von“ und „bis“ (oder lassen Sie beide leer).", "Please choose both \"from\" and \"to\" for each time (or leave both empty)."));
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

        var earliest = ParseDate(Earliest, "earliest", errors, lang);
        var latest = ParseDate(Latest, "latest", errors, lang);
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

    private static LocalDate? ParseDate(string? text, string field, Dictionary<string, string> errors, string lang)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Trim() is { Length: 10 } trimmed && LocalDatePattern.Iso.Parse(trimmed) is { Success: true } r)
        {
            return r.Value;
        }

        errors.TryAdd(field, Language.Pick(lang, "Bitte geben Sie das Datum als Tag, Monat und Jahr an, zum Beispiel 2026-12-24.", "Please enter the date as day, month and year, for example 2026-12-24."));
        return null;
    }
}
