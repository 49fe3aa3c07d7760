using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Devices;

internal static class DevicePages
{
    /// <summary>An unknown office is not found; an office the member does not manage is refused.</summary>
    public static IActionResult? Refusal(PageModel page, City city, string officeId)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return page.NotFound();
        }

        return StaffMember.From(page.User)?.MayDoAt(StaffTask.ManageDevices, office.Id) == true ? null : page.Forbid();
    }
}
