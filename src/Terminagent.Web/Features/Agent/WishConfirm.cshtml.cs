using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Links;
using Terminagent.Engine.Agent;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>The page behind the link in the email that asks to confirm a wish: opening it shows the wish, only the button confirms.</summary>
public sealed class WishConfirmModel(WishService wishes, Language lang) : PageModel
{
    public Wish? Wish { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The confirmation changed the citizen's earlier wish, which keeps its place.</summary>
    public bool UpdatedExisting { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        Show(await wishes.FindByLinkAsync(token, LinkPurpose.ConfirmWish, ct));

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await wishes.ConfirmAsync(token, ct);
        if (result is { Succeeded: true, ManageSecret: { } manage })
        {
            return RedirectToPage("/Agent/WishManage", new { token = manage, confirmed = "true" });
        }

        UpdatedExisting = result is { Succeeded: true, UpdatesExisting: true };
        return Show(result);
    }

    private PageResult Show(WishResult result)
    {
        Wish = result.Wish;
        if (!result.Succeeded)
        {
            Problem = AgentTexts.Failure(result.Failure!.Value, lang.Code);
            Response.StatusCode = AgentTexts.StatusCodeFor(result.Failure.Value);
        }

        return Page();
    }
}
