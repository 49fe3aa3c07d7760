using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>The page behind the link in an offer email: opening it shows the offer, only the buttons answer it.</summary>
public sealed class OfferModel(City city, OfferService offers, Clock clock, Language lang) : PageModel
{
    public Offer? Offer { get; private set; }

    public Wish? Wish { get; private set; }

    public Office? Office { get; private set; }

    public Service? Service { get; private set; }

    public string? Problem { get; private set; }

    public string? ChoiceError { get; private set; }

    public string RouteToken => RouteData.Values["token"] as string ?? "";

    public bool IsOpen => Offer is { Status: OfferStatus.Open } o && clock.Now < o.Deadline;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var result = await offers.FindByLinkAsync(token, ct);
        Show(result);
        if (result.Succeeded && Offer is { Status: OfferStatus.Open or OfferStatus.Lapsed } && !IsOpen)
        {
            Problem = AgentTexts.Failure(AgentFailure.OfferExpired, lang.Code)
                + (Offer.Status == OfferStatus.Lapsed ? " " + AgentTexts.Text("Offer.Ended", lang.Code) : "");
            Response.StatusCode = 410;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken ct)
    {
        var result = await offers.AcceptAsync(token, ct);
        if (result is { Succeeded: true, ManageSecret: { } manage })
        {
            return RedirectToPage("/Bookings/Appointment", new { token = manage, confirmed = "true" });
        }

        Show(result);
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync(string token, string? keep, CancellationToken ct)
    {
        if (keep is not ("keep" or "withdraw"))
        {
            Show(await offers.FindByLinkAsync(token, ct));
            if (Problem is null)
            {
                ChoiceError = AgentTexts.Text("Offer.ChoiceError", lang.Code);
                Response.StatusCode = 400;
            }

            return Page();
        }

        var result = await offers.DeclineAsync(token, keepWish: keep == "keep", ct);
        Show(result);
        return Page();
    }

    private void Show(OfferResult result)
    {
        Offer = result.Offer;
        Wish = result.Wish;
        Office = Offer is null ? null : city.FindOffice(Offer.OfficeId);
        Service = Offer is null ? null : city.FindService(Offer.ServiceId);
        if (!result.Succeeded)
        {
            Problem = AgentTexts.Failure(result.Failure!.Value, lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
            CapAnswers.RetryAfter(HttpContext, result.RetryAt);
        }
    }
}
