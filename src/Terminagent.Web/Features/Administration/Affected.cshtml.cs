using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Schedule;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

/// <summary>Upcoming bookings the schedule in force has no room for, in the offices the member manages.</summary>
public sealed class AffectedModel(City city, ScheduleImpact impact) : PageModel
{
    public IReadOnlyList<AffectedAppointment> Affected { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var member = StaffMember.From(User)!;
        Affected = await impact.ForAsync(city, member.OfficesFor(StaffTask.ManageOffices, city).Select(o => o.Id).ToList(), slotsPlanned: true, ct);
    }
}
