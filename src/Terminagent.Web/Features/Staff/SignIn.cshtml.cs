using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Staff;

public sealed class SignInModel(SignInManager<StaffUser> signIn, Language lang) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? password)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(password) || Email.Length > 254 || password.Length > 256)
        {
            Problem = lang.L("Bitte E-Mail-Adresse und Passwort eingeben.", "Please enter your email address and password.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(IsLocal(ReturnUrl) ? ReturnUrl! : "/staff");
        }

        // One message for a wrong name and a wrong password, so the page tells no one which accounts exist.
        Problem = result.IsLockedOut
            ? lang.L("Zu viele Fehlversuche: Das Konto ist für 15 Minuten gesperrt. Die Administration kann es entsperren.", "Too many failed attempts: the account is locked for 15 minutes. An administrator can unlock it.")
            : result.IsNotAllowed
                ? lang.L("Dieses Konto ist deaktiviert.", "This account is disabled.")
                : lang.L("E-Mail-Adresse oder Passwort stimmen nicht.", "Email address or password are not correct.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and < 2000 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
