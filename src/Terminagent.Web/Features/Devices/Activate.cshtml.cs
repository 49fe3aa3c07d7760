using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>
/// Where the activation link leads, opened on the tablet itself. Opening it changes nothing: it
/// shows what the device would become, and only the button stores the token on the device.
/// </summary>
public sealed class ActivateModel(DeviceRegistry devices, City city, IStringLocalizer<DeviceTexts> texts) : PageModel
{
    public Device? Device { get; private set; }

    public Office? Office { get; private set; }

    public string? Token { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        await FindAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? token, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return Page();
        }

        await devices.ActivateAsync(HttpContext, Device!, token!, ct);
        return RedirectToPage(DeviceTexts.PageOf(Device!), new { office = Device!.OfficeId });
    }

    private async Task<bool> FindAsync(string? token, CancellationToken ct)
    {
        // The token is a secret: no cache may keep a page that carries it.
        Response.Headers.CacheControl = "no-cache, no-store";
        var device = await devices.LookUpAsync(token, ct);
        var office = device is null ? null : city.FindOffice(device.OfficeId);
        if (device is null || office is null)
        {
            Problem = texts["Activate.Unknown"];
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (device.IsRevoked)
        {
            Problem = texts["Activate.Revoked"];
            Response.StatusCode = StatusCodes.Status410Gone;
            return false;
        }

        Device = device;
        Office = office;
        Token = token;
        return true;
    }
}
