using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;

namespace Terminagent.Web.Features.Administration.Services;

/// <summary>A service's names, duration and the offices that offer it; or a new service.</summary>
public sealed class ServiceModel(CityCatalog catalog, CityChanges changes, IStringLocalizer<AdministrationTexts> t) : CityChangePage(catalog, changes, t)
{
    public bool IsNew { get; private set; }

    [BindProperty]
    public string? Id { get; set; }

    [BindProperty]
    public string? NameDe { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public string? DurationMinutes { get; set; }

    [BindProperty]
    public List<string> Offices { get; set; } = [];

    public string? Done { get; private set; }

    public int? Informed { get; private set; }

    public IActionResult OnGet(string service, string? done, int? informed)
    {
        if (!Load(service))
        {
            return NotFound();
        }

        BasedOn = Settings.Version;
        (Done, Informed) = (done, informed);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string service, [FromForm] bool confirmed, CancellationToken ct)
    {
        var (id, de, en, minutes, offices) = (Id, NameDe, NameEn, DurationMinutes, Offices);
        if (!Load(service))
        {
            return NotFound();
        }

        (Id, NameDe, NameEn, DurationMinutes, Offices) = (IsNew ? id?.Trim() : service, de, en, minutes, offices);
        var changed = EditableCopy();
        if (IsNew && (!CityFactory.IsId(Id) || Id == "new"))
        {
            Errors["id"] = T["Service.IdFormat"];
        }
        else if (IsNew && changed.Services.Any(s => s.Id == Id))
        {
            Errors["id"] = T["Service.AnotherServiceHasThis"];
        }

        if (string.IsNullOrWhiteSpace(NameDe) || NameDe.Length > 200)
        {
            Errors["name-de"] = T["Service.PleaseEnterTheGerman"];
        }

        if (string.IsNullOrWhiteSpace(NameEn) || NameEn.Length > 200)
        {
            Errors["name-en"] = T["Service.PleaseEnterTheEnglish"];
        }

        if (!int.TryParse(DurationMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var duration) || duration is < 1 or > 480)
        {
            Errors["duration"] = T["Service.TheDurationMustBe"];
        }

        var chosen = Offices.Where(o => changed.Offices.Any(x => x.Id == o)).Distinct().ToList();
        if (chosen.Count == 0)
        {
            Errors["offices"] = T["Service.PleaseChooseAtLeast"];
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var target = changed.Services.SingleOrDefault(s => s.Id == Id);
        if (target is null)
        {
            target = new ServiceOptions { Id = Id! };
            changed.Services.Add(target);
        }

        target.NameDe = NameDe!.Trim();
        target.NameEn = NameEn!.Trim();
        target.DurationMinutes = duration;
        target.Offices = changed.Offices.Select(o => o.Id).Where(chosen.Contains).ToList();
        return await SaveAsync(changed, IsNew ? "service.new" : "service.settings", null, confirmed, "/Administration/Services/Service", new { service = Id }, ct);
    }

    protected override void OnConflict() => Load(Id ?? "new");

    private bool Load(string service)
    {
        IsNew = service == "new";
        if (IsNew)
        {
            Id = null;
            NameDe = NameEn = DurationMinutes = null;
            Offices = [];
            return true;
        }

        var s = Settings.Options.Services.SingleOrDefault(x => x.Id == service);
        if (s is null)
        {
            return false;
        }

        (Id, NameDe, NameEn) = (s.Id, s.NameDe, s.NameEn);
        DurationMinutes = s.DurationMinutes.ToString(CultureInfo.InvariantCulture);
        Offices = [.. s.Offices];
        return true;
    }
}
