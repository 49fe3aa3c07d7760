using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Administration;

/// <summary>An office's closed days: add or remove one, or take the public holidays of a year.</summary>
public sealed class ClosedDaysModel(CityCatalog catalog, CityChanges changes, IStringLocalizer<AdministrationTexts> t, Clock clock) : CityChangePage(catalog, changes, t)
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public string OfficeId { get; private set; } = "";

    public IReadOnlyList<LocalDate> ClosedDays { get; private set; } = [];

    public LocalDate Today { get; private set; }

    public int Year { get; private set; }

    public IReadOnlyList<PublicHoliday> Holidays { get; private set; } = [];

    public string? Done { get; private set; }

    public int? Informed { get; private set; }

    public string? NewDay { get; private set; }

    public IActionResult OnGet(string office, int? year, string? done, int? informed)
    {
        var found = Load(office, year);
        if (found is not null)
        {
            return found;
        }

        BasedOn = Settings.Version;
        (Done, Informed) = (done, informed);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string office, [FromForm] string? day, [FromForm] bool confirmed, CancellationToken ct)
    {
        var found = Load(office, null);
        if (found is not null)
        {
            return found;
        }

        NewDay = day;
        var parsed = Iso.Parse(day?.Trim() ?? "");
        if (!parsed.Success || parsed.Value.Year is < PublicHolidays.FirstYear or > PublicHolidays.LastYear)
        {
            Errors["day"] = T["ClosedDays.PleaseEnterADate"];
            return Page();
        }

        return await ChangeAsync(office, days => days.Add(parsed.Value), "office.closed-days", confirmed, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string office, [FromForm] string? day, [FromForm] bool confirmed, CancellationToken ct)
    {
        var found = Load(office, null);
        if (found is not null)
        {
            return found;
        }

        var parsed = Iso.Parse(day ?? "");
        if (!parsed.Success || !ClosedDays.Contains(parsed.Value))
        {
            Errors["form"] = T["ClosedDays.ThisClosedDayIs"];
            return Page();
        }

        return await ChangeAsync(office, days => days.Remove(parsed.Value), "office.closed-days", confirmed, ct);
    }

    public async Task<IActionResult> OnPostHolidaysAsync(string office, [FromForm] int year, [FromForm] string[]? holiday, [FromForm] bool confirmed, CancellationToken ct)
    {
        var found = Load(office, year);
        if (found is not null)
        {
            return found;
        }

        var chosen = (holiday ?? []).Select(h => Iso.Parse(h)).Where(r => r.Success).Select(r => r.Value)
            .Intersect(Holidays.Select(h => h.Date)).ToList();
        if (chosen.Count == 0)
        {
            Errors["holidays"] = T["ClosedDays.PleaseChooseAtLeast"];
            return Page();
        }

        return await ChangeAsync(office, days => days.UnionWith(chosen), "office.holidays", confirmed, ct);
    }

    protected override void OnConflict() => ClosedDays = DaysOf(Settings.Options.Offices.Single(o => o.Id == OfficeId));

    private Task<IActionResult> ChangeAsync(string office, Action<SortedSet<LocalDate>> change, string action, bool confirmed, CancellationToken ct)
    {
        var changed = EditableCopy();
        var target = changed.Offices.Single(o => o.Id == office);
        var days = new SortedSet<LocalDate>(DaysOf(target));
        change(days);
        target.ClosedDays = days.Select(d => Iso.Format(d)).ToList();
        return SaveAsync(changed, action, office, confirmed, "/Administration/ClosedDays", new { office }, ct);
    }

    private static List<LocalDate> DaysOf(OfficeOptions office) =>
        office.ClosedDays.Select(d => Iso.Parse(d)).Where(r => r.Success).Select(r => r.Value).Order().ToList();

    private IActionResult? Load(string office, int? year)
    {
        var options = Settings.Options.Offices.SingleOrDefault(o => o.Id == office);
        if (options is null)
        {
            return NotFound();
        }

        if (!Member.MayDoAt(StaffTask.ManageOffices, office))
        {
            return Forbid();
        }

        OfficeId = office;
        ClosedDays = DaysOf(options);
        var zone = Settings.City.FindOffice(office)!.Zone;
        Today = clock.Now.InZone(zone).Date;

        // From October on, next year's holidays are the ones to plan.
        Year = year is >= PublicHolidays.FirstYear and <= PublicHolidays.LastYear ? year.Value : Today.Month >= 10 ? Today.Year + 1 : Today.Year;
        Holidays = PublicHolidays.NorthRhineWestphalia(Year);
        return null;
    }
}
