using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Agent;
using Terminagent.Domain.City;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Features.Booking;
using Terminagent.Web.Localization;
using Terminagent.Web.Time;

namespace Terminagent.Web.Features.Infoline;

/// <summary>
/// Takes a wish for a caller, with the same fields as the public wish form. It joins the queue at
/// once; without email, a phone number is needed, because the infoline phones the offers out.
/// </summary>
public sealed class InfolineWishModel(City city, WishService wishes, Clock clock, Language lang) : PageModel
{
    public IReadOnlyList<Service> Services => city.Services;

    public Service? Service { get; private set; }

    public WishFields? Fields { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? EmailLanguage { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Problem { get; private set; }

    public Wish? Registered { get; private set; }

    public bool UpdatesExisting { get; private set; }

    public QueuePlace? Place { get; private set; }

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

        var (_, problems) = Domain.Booking.Contact.ForCaller(Name, Email, Phone, phoneRequiredWithoutEmail: true);
        AddContactProblems(problems);
        if (Errors.Count > 0 || request is null)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var language = EmailLanguage == Language.English ? Language.English : Language.German;
        var result = await wishes.RegisterForCallerAsync(request, Name, Email, Phone, language, ct);
        if (!result.Succeeded)
        {
            AddContactProblems(result.ContactProblems ?? []);
            if (result.Failure is AgentFailure.WishHasOpenOffer or AgentFailure.WishNotActive)
            {
                Errors.TryAdd("form", InfolineTexts.WishFailure(result.Failure.Value, lang.Code));
            }
            else
            {
                WishForm.AddFailure(Errors, result.Failure!.Value, lang.Code);
            }

            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure!.Value);
            return Page();
        }

        Registered = result.Wish;
        UpdatesExisting = result.UpdatesExisting;
        Place = await wishes.PlaceOfAsync(Registered!, ct);
        return Page();
    }

    private void AddContactProblems(IEnumerable<Domain.Booking.ContactProblem> problems)
    {
        foreach (var p in problems)
        {
            Errors.TryAdd(InfolineBookModel.FieldOf(p), BookingTexts.Contact(p, lang.Code));
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
