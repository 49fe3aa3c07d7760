using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Staff;

/// <summary>A member of staff changes their own password; the session continues with the new one.</summary>
[Authorize(Policy = StaffSetup.StaffPolicy)]
public sealed class PasswordModel(StaffAccountService accounts, SignInManager<StaffUser> signIn, Language lang) : PageModel
{
    public Dictionary<string, string> Errors { get; } = [];

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? current, [FromForm(Name = "new")] string? next, [FromForm] string? repeat)
    {
        var member = StaffMember.From(User)!;
        var (user, errors, lockedOut) = await accounts.ChangeOwnPasswordAsync(member.Id, current, next, repeat, lang.Code);
        if (lockedOut)
        {
            // Too many wrong current passwords: whoever holds this session must prove again who they are.
            await signIn.SignOutAsync();
            return RedirectToPage("/Staff/SignIn");
        }

        if (user is null)
        {
            foreach (var (field, message) in errors)
            {
                Errors[field] = message;
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The password change gave the account a new security stamp: a fresh cookie keeps this session valid.
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
