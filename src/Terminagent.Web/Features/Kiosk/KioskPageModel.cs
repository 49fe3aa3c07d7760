using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>
/// What every kiosk screen checks first: the office exists, has a kiosk, and this browser is a
/// kiosk an office manager bound to it. The language rides in the address (?lang=en), not in a
/// cookie, so the next walk-in starts in German again.
/// </summary>
public abstract class KioskPageModel(City city, DeviceRegistry devices, Language lang) : PageModel
{
    public City City => city;

    public Office Office { get; private set; } = null!;

    /// <summary>The browser is no kiosk of this office: the page says so and shows nothing else.</summary>
    public bool NotThisDevice { get; private set; }

    public string LangCode => lang.Code;

    /// <summary>The start screen in German for the next walk-in: "Done" and the return after a quiet while name no language.</summary>
    public string NextWalkInStart => Url.Page("/Kiosk/Index", new { office = Office.Id, lang = "" })!;

    /// <summary>
    /// Null when the screen may be shown; otherwise what to answer instead. An office without a
    /// kiosk is left to <paramref name="noKiosk"/>, as only the start screen explains it.
    /// </summary>
    protected async Task<IActionResult?> EnterAsync(string officeId, Func<IActionResult> noKiosk, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return NotFound();
        }

        Office = office;
        if (!office.HasKiosk)
        {
            return noKiosk();
        }

        if (await devices.FindForRequestAsync(HttpContext, office.Id, DeviceKind.Kiosk, ct) is null)
        {
            NotThisDevice = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return null;
    }
}
