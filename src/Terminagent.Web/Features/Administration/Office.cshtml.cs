using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;

namespace Terminagent.Web.Features.Administration;

/// <summary>An office's name, kiosk, opening hours and counters, release policy and agent share.</summary>
public sealed class OfficeModel(CityCatalog catalog, CityChanges changes, IStringLocalizer<AdministrationTexts> t) : CityChangePage(catalog, changes, t)
{
    public string OfficeId { get; private set; } = "";

    public int SlotMinutes { get; private set; }

    [BindProperty]
    public OfficeForm Form { get; set; } = new();

    public string? Done { get; private set; }

    public int? Informed { get; private set; }

    public IActionResult OnGet(string office, string? done, int? informed)
    {
        var found = Load(office);
        if (found is not null)
        {
            return found;
        }

        Form = OfficeForm.From(Settings.Options.Offices.Single(o => o.Id == office), Settings.Options);
        BasedOn = Settings.Version;
        (Done, Informed) = (done, informed);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string office, [FromForm] bool confirmed, CancellationToken ct)
    {
        var found = Load(office);
        if (found is not null)
        {
            return found;
        }

        var changed = EditableCopy();
        var target = changed.Offices.Single(o => o.Id == office);
        Form.ApplyTo(target, changed, changed.SlotMinutes, Errors, T);
        return await SaveAsync(changed, "office.settings", office, confirmed, "/Administration/Office", new { office }, ct);
    }

    protected override void OnConflict() =>
        Form = OfficeForm.From(Settings.Options.Offices.Single(o => o.Id == OfficeId), Settings.Options);

    private IActionResult? Load(string office)
    {
        if (Settings.Options.Offices.All(o => o.Id != office))
        {
            return NotFound();
        }

        if (!Member.MayDoAt(StaffTask.ManageOffices, office))
        {
            return Forbid();
        }

        OfficeId = office;
        SlotMinutes = Settings.Options.SlotMinutes;
        return null;
    }
}
