using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Administration;

/// <summary>A new office, with the opening hours and closed days of an existing one to start from.</summary>
public sealed class NewOfficeModel(CityCatalog catalog, CityChanges changes, Language lang) : CityChangePage(catalog, changes, lang)
{
    [BindProperty]
    public string? Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string TimeZone { get; set; } = "Europe/Berlin";

    [BindProperty]
    public bool HasKiosk { get; set; } = true;

    [BindProperty]
    public string? CopyFrom { get; set; }

    public IActionResult OnGet()
    {
        if (!Member.MayDo(StaffTask.ManageCity))
        {
            return Forbid();
        }

        BasedOn = Settings.Version;
        CopyFrom = Settings.Options.Offices.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] bool confirmed, CancellationToken ct)
    {
        if (!Member.MayDo(StaffTask.ManageCity))
        {
            return Forbid();
        }

        var changed = EditableCopy();
        Id = Id?.Trim();
        if (!CityFactory.IsId(Id) || Id == "new")
        {
            Errors["id"] = Lang.L("Die Kennung besteht aus 1 bis 64 Kleinbuchstaben, Ziffern und Bindestrichen, z. B. „rathaus-nord“.", "The id is 1 to 64 lower-case letters, digits and dashes, e.g. \"town-hall-north\".");
        }
        else if (changed.Offices.Any(o => o.Id == Id))
        {
            Errors["id"] = Lang.L("Diese Kennung hat schon ein anderer Standort.", "Another office has this id already.");
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            Errors["name"] = Lang.L("Bitte geben Sie den Namen an.", "Please enter the name.");
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 200)
        {
            Errors["address"] = Lang.L("Bitte geben Sie die Anschrift an.", "Please enter the address.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") is null)
        {
            Errors["zone"] = Lang.L("Das ist keine Zeitzone der IANA-Datenbank (z. B. Europe/Berlin).", "That is not a time zone of the IANA database (e.g. Europe/Berlin).");
        }

        var template = changed.Offices.FirstOrDefault(o => o.Id == CopyFrom);
        if (Errors.Count > 0)
        {
            return Page();
        }

        changed.Offices.Add(new OfficeOptions
        {
            Id = Id!,
            Name = Name!.Trim(),
            Address = Address!.Trim(),
            TimeZone = TimeZone!,
            HasKiosk = HasKiosk,
            OpeningHours = template?.OpeningHours.ToDictionary(h => h.Key, h => h.Value.Select(p => new OpeningPeriodOptions { From = p.From, To = p.To, Counters = p.Counters }).ToList()) ?? [],
            ClosedDays = [.. template?.ClosedDays ?? []],
        });
        var result = await SaveAsync(changed, "office.new", Id, confirmed, "/Administration/Office", new { office = Id }, ct);
        return result;
    }

    protected override void OnConflict()
    {
    }
}
