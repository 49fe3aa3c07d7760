using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>
/// What the citizen's wish form and the infoline's share: choosing the service, the fields of
/// offices, weekdays, times and dates, and reading and checking what was entered. They differ
/// only in the contact they require and how the wish joins the queue.
/// </summary>
public abstract class WishFormPage(City city, WishService wishes, Clock clock, Language lang) : PageModel
{
    public IReadOnlyList<Service> Services => city.Services;

    protected WishService Wishes => wishes;

    protected Language Lang => lang;

    protected City City => city;

    protected Clock Clock => clock;

    public Service? Service { get; private set; }

    public WishFields? Fields { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Problem { get; private set; }

    public Wish? Registered { get; protected set; }

    public bool UpdatesExisting { get; protected set; }

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

    /// <summary>
    /// Reads the posted wish and checks it together with the contact's problems; false (with the
    /// errors on the page and status 400, or 404 for an unknown service) when nothing may be registered.
    /// </summary>
    protected bool TryReadPostedWish(IReadOnlyList<ContactProblem> contactProblems, [NotNullWhen(true)] out WishRequest? request)
    {
        request = null;
        if (!ReadService(Request.Form["service"]))
        {
            return false;
        }

        var form = WishForm.Read(Request.Form);
        Fields = WishFields.For(city, Service!, form, Errors);
        var read = form.ToRequest(Service!.Id, clock.Now, Errors, lang.Code);
        if (read is not null && wishes.Check(read, clock.Now).Failure is { } failure)
        {
            WishForm.AddFailure(Errors, failure, lang.Code);
        }

        AddContactProblems(contactProblems);
        if (Errors.Count > 0 || read is null)
        {
            Response.StatusCode = 400;
            return false;
        }

        request = read;
        return true;
    }

    protected void AddContactProblems(IEnumerable<ContactProblem> problems)
    {
        foreach (var p in problems)
        {
            Errors.TryAdd(BookingTexts.FieldOf(p), BookingTexts.Contact(p, lang.Code));
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
