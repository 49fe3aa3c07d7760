using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>
/// The confirming step before a device is revoked: opening it shows which device, only its
/// button (a POST to the devices page's revoke handler) revokes.
/// </summary>
public sealed class RevokeModel(DeviceRegistry devices, City city) : PageModel
{
    public Office Office { get; private set; } = null!;

    public Device Device { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string office, Guid device, CancellationToken ct)
    {
        if (DevicePages.Refusal(this, city, office) is { } refusal)
        {
            return refusal;
        }

        Office = city.FindOffice(office)!;
        if ((await devices.ListAsync(Office.Id, ct)).FirstOrDefault(d => d.Id == device && !d.IsRevoked) is not { } found)
        {
            return RedirectToPage("/Devices/Index", new { office = Office.Id });
        }

        Device = found;
        return Page();
    }
}
