using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data.Staff;
using Terminagent.Domain.Cities;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>Creating an account; its generated first password is shown once, on this answer only.</summary>
public sealed class NewModel(StaffAccountService accounts, City city, Language lang) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }

    [BindProperty] public string? Email { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public RoleFields Fields { get; private set; } = null!;

    public StaffUser? Created { get; private set; }

    public string? Password { get; private set; }

    public void OnGet() => Fields = new RoleFields(null, [], city.Offices, Errors);

    public async Task<IActionResult> OnPostAsync([FromForm] string? role, [FromForm] string?[]? office)
    {
        var chosenRole = RoleFields.ReadRole(role);
        var offices = RoleFields.ReadOffices(office ?? []);
        Fields = new RoleFields(chosenRole, offices, city.Offices, Errors);
        var result = await accounts.CreateAsync(Email, DisplayName, chosenRole ?? default, offices, lang.Code);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                Errors[field] = message;
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The password is on this answer and nowhere else: no cache may keep it.
        Response.Headers.CacheControl = "no-cache, no-store";
        Created = result.User;
        Password = result.InitialPassword;
        return Page();
    }
}
