using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data.Staff;
using Terminagent.Engine.Audit;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// Signing out ends the session on the server too: the account gets a new security stamp, so a
/// copy of the cookie (left in another browser, or taken) stops working within a minute. Other
/// sessions of the same account end with it.
/// </summary>
[Authorize(Policy = StaffSetup.StaffPolicy)]
public sealed class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Staff/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var member = StaffMember.From(User)!;
        if (await users.FindByIdAsync(member.Id.ToString()) is { } user)
        {
            // The entry saves with the new stamp.
            var entry = audit.Add(AuditActions.SignOut, null, "");
            if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
            {
                audit.Withdraw(entry);
            }
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Staff/SignIn");
    }
}
