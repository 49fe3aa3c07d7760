using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Data.Staff;
using Terminagent.Domain.Cities;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>One account: change role, offices and whether it is disabled; unlock it; give it a new password.</summary>
public sealed class AccountModel(StaffAccountService accounts, City city, Language lang, IStringLocalizer<AccountTexts> t) : PageModel
{
    public StaffUser Account { get; private set; } = null!;

    public bool LockedOut { get; private set; }

    public bool IsSelf { get; private set; }

    public RoleFields Fields { get; private set; } = null!;

    public bool Disabled { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Notice { get; private set; }

    public string? NewPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Notice = done switch
        {
            "saved" => t["Account.TheChangeIsSaved"].Value,
            "unlocked" => t["Account.TheLockoutIsLifted"].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, [FromForm] string? role, [FromForm] string?[]? office, [FromForm] bool disabled, CancellationToken ct)
    {
        var chosenRole = RoleFields.ReadRole(role);
        var offices = RoleFields.ReadOffices(office ?? []);
        var result = await accounts.ChangeAsync(Actor, id, new StaffAccountChange(chosenRole ?? default, offices, disabled), lang.Code, ct);
        if (!result.Found || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return RedirectToPage("/StaffAccounts/Account", new { id, done = "saved" });
        }

        // Show what was entered, next to what is wrong with it; nothing was saved.
        Fields = Fields with { Role = chosenRole, OfficeIds = offices };
        Disabled = disabled;
        return Refused(result);
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct)
    {
        var result = await accounts.UnlockAsync(id, lang.Code);
        if (!result.Found || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return result.Succeeded ? RedirectToPage("/StaffAccounts/Account", new { id, done = "unlocked" }) : Refused(result);
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct)
    {
        var result = await accounts.ResetPasswordAsync(Actor, id, lang.Code);
        if (!result.Found || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        // The password is on this answer and nowhere else: no cache may keep it.
        Response.Headers.CacheControl = "no-cache, no-store";
        NewPassword = result.NewPassword;
        return Page();
    }

    private Guid Actor => StaffMember.From(User)!.Id;

    private PageResult Refused(StaffChangeResult result)
    {
        foreach (var (field, message) in result.Errors)
        {
            Errors[field] = message;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return false;
        }

        Account = account;
        LockedOut = await accounts.IsLockedOutAsync(account);
        IsSelf = account.Id == Actor;
        Disabled = account.IsDisabled;
        Fields = new RoleFields(account.Role, account.OfficeIds, city.Offices, Errors);
        return true;
    }
}
