using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Audit;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Administration;

/// <summary>
/// The audit log, newest first: administrators see everything, office managers their offices.
/// Filters: office, kind of action (a group), and who acted.
/// </summary>
public sealed class AuditModel(TerminagentDb db, City city, Language lang, IStringLocalizer<AdministrationTexts> t, IStringLocalizer<StaffTexts> staffTexts) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; }

    public bool HasMore { get; private set; }

    public string? Office { get; private set; }

    public string? Kind { get; private set; }

    public Guid? Actor { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Actors { get; private set; } = [];

    public AuditDetails Details { get; private set; } = null!;

    // The page number comes from the query alone: "page" is also the route value naming this Razor page.
    public async Task OnGetAsync(string? office, string? kind, Guid? actor, [FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        var member = StaffMember.From(User)!;
        Offices = member.OfficesFor(StaffTask.ManageOffices, city).ToList();
        var mine = Offices.Select(o => o.Id).ToList();
        PageNumber = Math.Clamp(page, 0, 10_000);
        Office = office is not null && mine.Contains(office) ? office : null;
        Kind = AuditActions.Groups.Any(g => g.Key == kind) ? kind : null;
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        Actors = users.Select(u => (u.Id, u.DisplayName)).ToList();
        Details = new AuditDetails(city, users.Where(u => u.Email != null).DistinctBy(u => u.Email).ToDictionary(u => u.Email!, u => u.DisplayName), lang.Code, t, staffTexts);
        Actor = actor is { } a && Actors.Any(x => x.Id == a) ? a : null;

        var query = db.AuditEntries.AsNoTracking();
        query = Office is not null
            ? query.Where(e => e.OfficeId == Office)
            : member.MayDo(StaffTask.ManageCity) ? query : query.Where(e => e.OfficeId != null && mine.Contains(e.OfficeId));
        if (Kind == "city")
        {
            var staffKeys = AuditActions.All.Select(a => a.Key).ToList();
            query = query.Where(e => !staffKeys.Contains(e.Action));
        }
        else if (Kind is not null)
        {
            var keys = AuditActions.KeysOf(Kind);
            query = query.Where(e => keys.Contains(e.Action));
        }

        if (Actor is { } who)
        {
            query = query.Where(e => e.StaffId == who);
        }

        var rows = await query.OrderByDescending(e => e.Id).Skip(PageNumber * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }
}
