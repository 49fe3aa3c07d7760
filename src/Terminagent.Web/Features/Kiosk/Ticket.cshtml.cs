using Microsoft.AspNetCore.Mvc;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>The ticket just drawn: its number, service, expected wait and QR code, ready to print.</summary>
public sealed class TicketModel(City city, DeviceRegistry devices, Language lang, TicketService tickets, Clock clock)
    : KioskPageModel(city, devices, lang)
{
    public Ticket Ticket { get; private set; } = null!;

    public Service Service { get; private set; } = null!;

    public int WaitMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string office, Guid id, CancellationToken ct)
    {
        if (await EnterAsync(office, () => RedirectToPage("/Kiosk/Index", new { office }), ct) is { } refused)
        {
            return refused;
        }

        if (await tickets.FindAsync(Office.Id, id, ct) is not { } ticket)
        {
            return NotFound();
        }

        Ticket = ticket;
        Service = City.FindService(ticket.ServiceId)!;
        WaitMinutes = ExpectedWait.Minutes(clock.Now, ticket.DueAt);
        return Page();
    }
}
