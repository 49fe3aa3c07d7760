using Microsoft.AspNetCore.Mvc;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>
/// Takes a wish for a caller, with the same fields as the public wish form. It joins the queue at
/// once; without email, a phone number is needed, because the infoline phones the offers out.
/// </summary>
public sealed class InfolineWishModel(City city, WishService wishes, Clock clock, Language lang) : WishFormPage(city, wishes, clock, lang)
{
    [BindProperty] public string? EmailLanguage { get; set; }

    public QueuePlace? Place { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TryReadPostedWish(Domain.Bookings.Contact.ForCaller(Name, Email, Phone, phoneRequiredWithoutEmail: true).Problems, out var request))
        {
            return Page();
        }

        var language = Languages.Normalise(EmailLanguage);
        var result = await Wishes.RegisterForCallerAsync(request, Name, Email, Phone, language, ct);
        if (!result.Succeeded)
        {
            AddContactProblems(result.ContactProblems ?? []);
            if (result.Failure is AgentFailure.WishHasOpenOffer or AgentFailure.WishNotActive)
            {
                Errors.TryAdd("form", InfolineTexts.WishFailure(result.Failure.Value, Lang.Code));
            }
            else
            {
                WishForm.AddFailure(Errors, result.Failure!.Value, Lang.Code);
            }

            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure!.Value);
            return Page();
        }

        Registered = result.Wish;
        UpdatesExisting = result.UpdatesExisting;
        Place = await Wishes.PlaceOfAsync(Registered!, ct);
        return Page();
    }
}
