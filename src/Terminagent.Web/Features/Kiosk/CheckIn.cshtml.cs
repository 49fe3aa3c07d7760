using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Terminagent.Domain.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>
/// "I have an appointment": the booking code, typed or read by a hand-held QR scanner (which types
/// like a keyboard and presses Enter), puts the appointment holder in today's queue.
/// </summary>
public sealed class CheckInModel(City city, DeviceRegistry devices, Language lang, CheckInService checkIn, IHtmlLocalizer<KioskTexts> texts)
    : KioskPageModel(city, devices, lang)
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The plain sentence the result is told in.</summary>
    public IHtmlContent? Message { get; private set; }

    public bool CheckedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string office, CancellationToken ct) =>
        await EnterAsync(office, () => RedirectToPage("/Kiosk/Index", new { office }), ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string office, CancellationToken ct)
    {
        if (await EnterAsync(office, () => RedirectToPage("/Kiosk/Index", new { office }), ct) is { } refused)
        {
            return refused;
        }

        var result = await checkIn.CheckInAsync(Office.Id, Code, ct);
        if (result.Visit is { } visit)
        {
            CheckedIn = true;
            Message = texts.CheckedIn(visit.Label, result.AlreadyCheckedIn);
            Code = null;
            return Page();
        }

        Message = texts.CheckInRefusal(result, City, Office, LangCode);
        Response.StatusCode = result.Refusal == CheckInRefusal.UnknownCode ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }
}
