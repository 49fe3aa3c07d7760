using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Administration.Services;

/// <summary>A service's names, duration and the offices that offer it; or a new service.</summary>
public sealed class ServiceModel(CityCatalog catalog, CityChanges changes, Language lang) : CityChangePage(catalog, changes, lang)
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
            Errors["id"] = Lang.L("Die Kennung besteht aus 1 bis 64 Kleinbuchstaben, Ziffern und Bindestrichen, z. B. „wohnsitz-anmelden“.", "The id is 1 to 64 lower-case letters, digits and dashes, e.g. \"register-address\".");
        }
        else if (IsNew && changed.Services.Any(s => s.Id == Id))
        {
            Errors["id"] = Lang.L("Diese Kennung hat schon ein anderes Anliegen.", "Another service has this id already.");
        }

        if (string.IsNullOrWhiteSpace(NameDe) || NameDe.Length > 200)
        {
            Errors["name-de"] = Lang.L("Bitte geben Sie den deutschen Namen an.", "Please enter the German name.");
        }

        if (string.IsNullOrWhiteSpace(NameEn) || NameEn.Length > 200)
        {
            Errors["name-en"] = Lang.L("Bitte geben Sie den englischen Namen an.", "Please enter the English name.");
        }

        if (!int.TryParse(DurationMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var duration) || duration is < 1 or > 480)
        {
            Errors["duration"] = Lang.L("Die Dauer muss zwischen 1 und 480 Minuten liegen.", "The duration must be between 1 and 480 minutes.");
        }

        var chosen = Offices.Where(o => changed.Offices.Any(x => x.Id == o)).Distinct().ToList();
        if (chosen.Count == 0)
        {
            Errors["offices"] = Lang.L("Bitte wählen Sie mindestens einen Standort.", "Please choose at least one office.");
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
