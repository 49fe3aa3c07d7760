using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Domain.City;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

/// <summary>The audit log, newest first: administrators see everything, office managers their offices.</summary>
public sealed class AuditModel(TerminagentDb db, City city) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; }

    public bool HasMore { get; private set; }

    public string? Office { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public async Task OnGetAsync(string? office, int page, CancellationToken ct)
    {
        var member = StaffMember.From(User)!;
        Offices = member.OfficesFor(StaffTask.ManageOffices, city).ToList();
        var mine = Offices.Select(o => o.Id).ToList();
        PageNumber = Math.Clamp(page, 0, 10_000);
        Office = office is not null && mine.Contains(office) ? office : null;
        var query = db.AuditEntries.AsNoTracking();
        query = Office is not null
            ? query.Where(e => e.OfficeId == Office)
            : member.MayDo(StaffTask.ManageCity) ? query : query.Where(e => e.OfficeId != null && mine.Contains(e.OfficeId));
        var rows = await query.OrderByDescending(e => e.Id).Skip(PageNumber * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }
}
