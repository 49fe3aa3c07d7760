using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.CallDisplay;

/// <summary>
/// Who may watch an office's calls: a call display bound to the office by its device token, or a
/// member of staff who works at the office's counters or sets up its devices.
/// </summary>
public static class CallDisplayAccess
{
    public static async Task<bool> AllowedAsync(HttpContext http, DeviceRegistry devices, string officeId, CancellationToken ct)
    {
        if (StaffMember.From(http.User) is { } member
            && (member.MayDoAt(StaffTask.WorkAtCounter, officeId) || member.MayDoAt(StaffTask.ManageDevices, officeId)))
        {
            return true;
        }

        return await devices.FindForRequestAsync(http, officeId, DeviceKind.CallDisplay, ct) is not null;
    }
}
