using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

public enum KioskScreen
{
    /// <summary>The services to draw a ticket for.</summary>
    Services,

    /// <summary>The office issues no tickets (it has no kiosk).</summary>
    NoKiosk,

    BeforeRelease,
    NoneLeft,
}

/// <summary>The kiosk's start screen: one big button per service; pressing one draws a ticket.</summary>
public sealed class IndexModel(City city, DeviceRegistry devices, Language lang, TicketService tickets, Clock clock, IOptions<AppOptions> app, IHtmlLocalizer<KioskTexts> texts)
    : KioskPageModel(city, devices, lang)
{
    public KioskScreen Screen { get; private set; } = KioskScreen.Services;

    /// <summary>The office's services, and whether each still has a place today.</summary>
    public IReadOnlyList<(Service Service, bool HasPlaces)> Services { get; private set; } = [];

    /// <summary>The service a refused draw was for, so the suggestions can point at it.</summary>
    public Service? Chosen { get; private set; }

    public IHtmlContent? Problem { get; private set; }

    /// <summary>Offices that do issue tickets, for the page of an office that does not.</summary>
    public IReadOnlyList<Office> KioskOffices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string office, CancellationToken ct)
    {
        if (await EnterAsync(office, ShowNoKiosk, ct) is { } refused)
        {
            return refused;
        }

        await ShowServicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string office, string? service, CancellationToken ct)
    {
        if (await EnterAsync(office, ShowNoKiosk, ct) is { } refused)
        {
            return refused;
        }

        var result = await tickets.DrawAsync(Office.Id, service ?? "", LangCode, ct);
        if (result.Ticket is { } ticket)
        {
            // Post, then redirect: reloading the ticket screen never draws a second ticket.
            return RedirectToPage("/Kiosk/Ticket", new { office = Office.Id, id = ticket.Id });
        }

        Chosen = service is null ? null : City.FindService(service);
        switch (result.Refusal)
        {
            case TicketRefusal.NoKiosk:
                return ShowNoKiosk();
            case TicketRefusal.BeforeRelease:
                Screen = KioskScreen.BeforeRelease;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case TicketRefusal.NoneLeft:
                Screen = KioskScreen.NoneLeft;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                await ShowServicesAsync(ct);
                Problem = texts.Refusal(result.Refusal!.Value, Office);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    /// <summary>The address of a public page, for a walk-in to open on their own phone (the kiosk stays on the kiosk).</summary>
    public string PublicUrl(string pathAndQuery) => app.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    public string WishPath => Chosen is null
        ? Url.Page("/Agent/Wish")!
        : Url.Page("/Agent/Wish", new { service = Chosen.Id, office = Office.Id })!;

    public string BookingPath => Chosen is null
        ? Url.Page("/Bookings/Index")!
        : Url.Page("/Bookings/Times", new { service = Chosen.Id, office = Office.Id })!;

    private async Task ShowServicesAsync(CancellationToken ct)
    {
        var now = clock.Now;
        if (TicketService.IsBeforeRelease(Office, now))
        {
            Screen = KioskScreen.BeforeRelease;
            return;
        }

        var open = await tickets.ServicesWithPlacesTodayAsync(Office, now, ct);
        Services = City.Services.Where(s => s.OfficeIds.Contains(Office.Id)).Select(s => (s, open.Contains(s.Id))).ToList();
        Screen = open.Count == 0 ? KioskScreen.NoneLeft : KioskScreen.Services;
    }

    /// <summary>
    /// 200, not 404: the address is right and the answer is true and useful (a sign or an old
    /// bookmark may lead here); what the office lacks is a kiosk, not a page.
    /// </summary>
    private PageResult ShowNoKiosk()
    {
        Screen = KioskScreen.NoKiosk;
        var offered = City.Services.Where(s => s.OfficeIds.Contains(Office.Id)).Select(s => s.Id).ToHashSet();
        KioskOffices = City.Offices
            .Where(o => o.HasKiosk && City.Services.Any(s => offered.Contains(s.Id) && s.OfficeIds.Contains(o.Id)))
            .OrderBy(o => PostcodeDistance(o, Office))
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        return Page();
    }

    /// <summary>
    /// The city file has no coordinates; neighbouring postcodes are a rough stand-in for
    /// neighbouring districts, good enough to put the likely nearest offices first.
    /// </summary>
    private static int PostcodeDistance(Office a, Office b) =>
        Postcode(a) is { } x && Postcode(b) is { } y ? Math.Abs(x - y) : int.MaxValue;

    private static int? Postcode(Office office) =>
        System.Text.RegularExpressions.Regex.Match(office.Address, @"\b(\d{5})\b") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
