using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;

namespace Terminagent.Web.Features.Administration;

/// <summary>A new office, with the opening hours and closed days of an existing one to start from.</summary>
public sealed class NewOfficeModel(CityCatalog catalog, CityChanges changes, IStringLocalizer<AdministrationTexts> t) : CityChangePage(catalog, changes, t)
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
            Errors["id"] = T["NewOffice.IdFormat"];
        }
        else if (changed.Offices.Any(o => o.Id == Id))
        {
            Errors["id"] = T["NewOffice.AnotherOfficeHasThis"];
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            Errors["name"] = T["NewOffice.PleaseEnterTheName"];
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 200)
        {
            Errors["address"] = T["Common.PleaseEnterTheAddress"];
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") is null)
        {
            Errors["zone"] = T["NewOffice.NotATimeZone"];
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
