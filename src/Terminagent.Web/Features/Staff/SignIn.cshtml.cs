using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Data.Staff;
using Terminagent.Engine.Audit;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// Staff sign in with email address and password. Every attempt is in the audit log. The page
/// answers a name without an account exactly as a wrong password (same words, a password check
/// of the same cost, the same lockout after five tries), so it tells no one which accounts exist.
/// </summary>
public sealed class SignInModel(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, UnknownNameLockout unknownNames, AuditLog audit, IStringLocalizer<StaffTexts> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(password) || Email.Length > 254 || password.Length > 256)
        {
            Problem = t["SignIn.PleaseEnterYourEmail"];
            return Page();
        }

        var name = Email.Trim();
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            var locked = unknownNames.IsLockedOut(name);
            if (!locked)
            {
                UnknownNameLockout.CheckAgainstNothing(password);
                locked = unknownNames.Fail(name);
            }

            return await RefusedAsync(Actor.UnknownStaff, locked ? Outcome.LockedOut : Outcome.Wrong, ct);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(Actor.Staff(user.Id, user.DisplayName), AuditActions.SignIn, null, "", ct);
            return IsLocal(ReturnUrl) ? LocalRedirect(ReturnUrl!) : RedirectToPage("/Staff/Index");
        }

        var outcome = result.IsLockedOut ? Outcome.LockedOut
            : result.IsNotAllowed ? await DisabledAsync(user, password)
            : Outcome.Wrong;
        return await RefusedAsync(Actor.Staff(user.Id, user.DisplayName), outcome, ct);
    }

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and < 2000 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>
    /// Identity refuses a disabled account before it looks at the password. Only with the right
    /// password does the page say "disabled"; a wrong one counts as a failure like any other.
    /// </summary>
    private async Task<Outcome> DisabledAsync(StaffUser user, string password)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return Outcome.LockedOut;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            return Outcome.Disabled;
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? Outcome.LockedOut : Outcome.Wrong;
    }

    private async Task<PageResult> RefusedAsync(Actor actor, Outcome outcome, CancellationToken ct)
    {
        await audit.RecordAsync(
            actor,
            outcome == Outcome.LockedOut ? AuditActions.SignInLocked : AuditActions.SignInFailed,
            null,
            outcome == Outcome.Disabled ? "Account disabled" : "",
            ct);
        var minutes = (int)Math.Ceiling(users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

        // One message for a wrong name and a wrong password, so the page tells no one which accounts exist.
        Problem = outcome switch
        {
            Outcome.LockedOut => t["SignIn.TooManyFailedAttempts", minutes],
            Outcome.Disabled => t["SignIn.ThisAccountIsDisabled"],
            _ => t["SignIn.EmailAddressOrPassword"],
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private enum Outcome
    {
        Wrong,
        LockedOut,
        Disabled,
    }
}
