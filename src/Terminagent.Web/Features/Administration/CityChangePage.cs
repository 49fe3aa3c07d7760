using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

/// <summary>
/// A staff page that changes the city's settings: it edits a copy of the version in force and
/// saves it through <see cref="CityChanges"/>, showing what is wrong, who saved first, or which
/// booked appointments the change affects, with a button to confirm and inform them.
/// </summary>
public abstract class CityChangePage(CityCatalog catalog, CityChanges changes, IStringLocalizer<AdministrationTexts> t) : PageModel
{
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Appointments the change would leave without room; the page asks to confirm.</summary>
    public IReadOnlyList<AffectedAppointment> Affected { get; private set; } = [];

    public bool NeedsConfirmation { get; private set; }

    /// <summary>The version the form was filled from, so a concurrent change is noticed on saving.</summary>
    [BindProperty(SupportsGet = false)]
    public int BasedOn { get; set; }

    protected IStringLocalizer<AdministrationTexts> T => t;

    /// <summary>
    /// Reads the newest settings before any handler: a form posted to another instance than the one
    /// that showed it must be applied to the newest version, not to this instance's older copy.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await catalog.RefreshAsync(HttpContext.RequestAborted);
        await next();
    }

    protected CitySettings Settings => catalog.Settings;

    protected CityOptions EditableCopy() => CityCatalog.Copy(catalog.Settings.Options);

    protected StaffMember Member => StaffMember.From(User)!;

    /// <summary>Saves and redirects to <paramref name="savedPage"/>, or shows the page again with what stood in the way.</summary>
    protected async Task<IActionResult> SaveAsync(CityOptions changed, string action, string? officeId, bool confirmed, string savedPage, object savedRoute, CancellationToken ct)
    {
        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await changes.SaveAsync(BasedOn, changed, action, officeId, confirmed, ct);
        switch (result.Outcome)
        {
            case CityChangeOutcome.Saved:
                var saved = new RouteValueDictionary(savedRoute) { ["done"] = "saved" };
                if (result.Informed > 0)
                {
                    saved["informed"] = result.Informed;
                }

                return RedirectToPage(savedPage, saved);
            case CityChangeOutcome.Unchanged:
                return RedirectToPage(savedPage, new RouteValueDictionary(savedRoute) { ["done"] = "unchanged" });
            case CityChangeOutcome.Conflict:
                Errors["form"] = t["Save.SomeoneElseChangedThe"];
                ModelState.Clear();
                BasedOn = catalog.Settings.Version;
                OnConflict();
                return Page();
            case CityChangeOutcome.NeedsConfirmation:
                NeedsConfirmation = true;
                Affected = result.Affected;
                return Page();
            default:
                foreach (var (error, i) in result.Errors.Select((e, i) => (e, i)))
                {
                    Errors[$"form{(i == 0 ? "" : i)}"] = error;
                }

                return Page();
        }
    }

    /// <summary>After a conflict, load the fields from the settings in force again.</summary>
    protected abstract void OnConflict();

    /// <summary>The notice after a redirect from a successful save.</summary>
    public string? Notice(string? done, int? informed) => done switch
    {
        "saved" when informed > 0 => t["Save.SavedCitizensWithAffected", informed].Value,
        "saved" => t["Save.SavedTheChangeApplies"].Value,
        "unchanged" => t["Save.ThereWasNothingTo"].Value,
        _ => null,
    };
}
