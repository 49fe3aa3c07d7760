using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Staff;

/// <summary>The staff start page: what the signed-in member may do, and where.</summary>
[Authorize(Policy = StaffSetup.StaffPolicy)]
public sealed class IndexModel(City city) : PageModel
{
    public StaffMember Member { get; private set; } = null!;

    public IReadOnlyList<Office> CounterOffices { get; private set; } = [];

    public IReadOnlyList<Office> DeviceOffices { get; private set; } = [];

    public void OnGet()
    {
        Member = StaffMember.From(User)!;
        CounterOffices = Member.OfficesFor(StaffTask.WorkAtCounter, city).ToList();
        DeviceOffices = Member.OfficesFor(StaffTask.ManageDevices, city).ToList();
    }
}
