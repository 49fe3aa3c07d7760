using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.CallDisplay;

/// <summary>
/// The waiting-area screen of an office: the latest call large, the ones before it below. The
/// script keeps it current through the event stream; without script it reloads itself.
/// </summary>
public sealed class IndexModel(City city, DeviceRegistry devices, CallFeed feed, Language lang) : PageModel
{
    public Office Office { get; private set; } = null!;

    public bool Refused { get; private set; }

    public IReadOnlyList<CallEvent> Calls { get; private set; } = [];

    public long LastId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string office, CancellationToken ct)
    {
        if (city.FindOffice(office) is not { } known)
        {
            return NotFound();
        }

        Office = known;
        if (!await CallDisplayAccess.AllowedAsync(HttpContext, devices, office, ct))
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var (calls, lastId) = await feed.LatestAsync(known, ct);
        Calls = calls.Select(c => CallEvent.From(c, known, lang.Code)).ToList();
        LastId = lastId;
        return Page();
    }
}
