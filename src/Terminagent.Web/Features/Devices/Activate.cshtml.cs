using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Devices;

/// <summary>
/// Where the activation link leads, opened on the tablet itself. Opening it changes nothing: it
/// shows what the device would become, and only the button stores the token on the device.
/// </summary>
public sealed class ActivateModel(DeviceRegistry devices, City city, Language lang) : PageModel
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
            Problem = lang.L(
                "Diesen Link zum Einrichten gibt es nicht. Bitte prüfen Sie, ob er vollständig ist, oder lassen Sie sich von der Standortleitung einen neuen geben.",
                "This set-up link does not exist. Please check that it is complete, or ask the office manager for a new one.");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (device.IsRevoked)
        {
            Problem = lang.L(
                "Dieses Gerät wurde gesperrt; der Link gilt nicht mehr. Die Standortleitung kann ein neues Gerät ausgeben.",
                "This device has been revoked; the link no longer works. The office manager can issue a new device.");
            Response.StatusCode = StatusCodes.Status410Gone;
            return false;
        }

        Device = device;
        Office = office;
        Token = token;
        return true;
    }
}
