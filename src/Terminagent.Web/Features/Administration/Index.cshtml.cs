using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

public sealed class IndexModel(City city) : PageModel
{
    public StaffMember Member { get; private set; } = null!;

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public void OnGet()
    {
        Member = StaffMember.From(User)!;
        Offices = Member.OfficesFor(StaffTask.ManageOffices, city).ToList();
    }
}
