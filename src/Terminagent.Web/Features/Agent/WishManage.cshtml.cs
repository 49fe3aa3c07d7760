using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Shared;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>The citizen's wish page behind the link in the confirmation email: status, place, edit, withdraw.</summary>
public sealed class WishManageModel(City city, WishService wishes, AvailabilityQuery availability, Clock clock, Language lang) : PageModel
{
    public string Token { get; private set; } = "";

    public Wish? Wish { get; private set; }

    public QueuePlace? Place { get; private set; }

    /// <summary>Times free right now that the wish would take: booking one needs no waiting at all.</summary>
    public IReadOnlyList<FreeTime> FreeNow { get; private set; } = [];

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public string? BookLink(FreeTime time) =>
        Url.Page("/Bookings/Book", new { service = Wish!.ServiceId, at = time.OfficeId, start = Display.InstantParameter(time.Start) });

    public WishFields? Fields { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public bool CanChange => Wish is { Status: WishStatus.Waiting };

    public async Task<IActionResult> OnGetAsync(string token, bool confirmed, bool updated, bool withdrawn, CancellationToken ct)
    {
        Token = token;
        var result = await wishes.FindByLinkAsync(token, LinkPurpose.ManageWish, ct);
        await ShowAsync(result, null, ct);
        Notice = (confirmed, updated, withdrawn) switch
        {
            (true, _, _) when Wish?.IsActive == true => AgentTexts.Text("Manage.Confirmed", lang.Code),
            (_, true, _) when Wish?.IsActive == true => AgentTexts.Text("Manage.Updated", lang.Code),
            (_, _, true) when Wish?.Status == WishStatus.Withdrawn => AgentTexts.Text("Manage.Withdrawn", lang.Code),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(string token, CancellationToken ct)
    {
        Token = token;
        var form = WishForm.Read(Request.Form);
        var current = await wishes.FindByLinkAsync(token, LinkPurpose.ManageWish, ct);
        if (!current.Succeeded)
        {
            await ShowAsync(current, null, ct);
            return Page();
        }

        var request = form.ToRequest(current.Wish!.ServiceId, clock.Now, Errors, lang.Code);
        if (request is not null)
        {
            var result = await wishes.UpdateAsync(token, request, ct);
            if (result.Succeeded)
            {
                return RedirectToPage("/Agent/WishManage", new { token, updated = "true" });
            }

            WishForm.AddFailure(Errors, result.Failure!.Value, lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
        }
        else
        {
            Response.StatusCode = 400;
        }

        // Show the wish as it is now, with the entries as typed and what was wrong with them.
        var status = Response.StatusCode;
        await ShowAsync(await wishes.FindByLinkAsync(token, LinkPurpose.ManageWish, ct), form, ct);
        Response.StatusCode = status;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken ct)
    {
        Token = token;
        var result = await wishes.WithdrawAsync(token, ct);
        if (result.Succeeded)
        {
            return RedirectToPage("/Agent/WishManage", new { token, withdrawn = "true" });
        }

        var status = AgentTexts.StatusCodeFor(result.Failure!.Value);
        var problem = AgentTexts.Failure(result.Failure.Value, lang.Code);
        await ShowAsync(await wishes.FindByLinkAsync(token, LinkPurpose.ManageWish, ct), null, ct);
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    private async Task ShowAsync(WishResult result, WishForm? form, CancellationToken ct)
    {
        Wish = result.Wish;
        if (!result.Succeeded)
        {
            Problem = AgentTexts.Failure(result.Failure!.Value, lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
            return;
        }

        if (Wish!.IsActive)
        {
            Place = await wishes.PlaceOfAsync(Wish, ct);
        }

        if (Wish.Status == WishStatus.Waiting && city.FindService(Wish.ServiceId) is { } wanted)
        {
            var definition = Wish.Definition;
            var free = await availability.FindAsync(wanted, definition.OfficeIds, null, clock.Now, ct);
            FreeNow = free.Times
                .Where(t => definition.Matches(t.OfficeId, t.Start.InZone(OfficeOf(t.OfficeId).Zone).LocalDateTime, t.End.InZone(OfficeOf(t.OfficeId).Zone).LocalDateTime))
                .Take(5)
                .ToList();
        }

        if (CanChange && city.FindService(Wish.ServiceId) is { } service)
        {
            Fields = WishFields.For(city, service, form ?? WishForm.From(Wish.Definition), Errors);
        }
    }
}
