using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Slots;
using Terminagent.Domain.Staff;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Kiosk;

/// <summary>Kiosk devices, clients that carry their cookie, and draws, as the kiosk tests share them.</summary>
public static partial class KioskKit
{
    public const string Office = "hauptbahnhof";

    /// <summary>A 15-minute service, so every free slot is a ticket.</summary>
    public const string ShortService = "meldebescheinigung";

    /// <summary>Issues a kiosk token for the office as an office manager would; the device keeps it in a cookie.</summary>
    public static Task<string> IssueKioskAsync(TestApp app, string officeId = Office, DeviceKind kind = DeviceKind.Kiosk) =>
        app.InScopeAsync(async sp =>
        {
            var (_, token) = await sp.GetRequiredService<DeviceRegistry>().IssueAsync(officeId, kind, "Eingang", Guid.NewGuid(), CancellationToken.None);
            return token;
        });

    /// <summary>A browser of the kiosk: it sends the device cookie (when given) and does not follow redirects.</summary>
    public static HttpClient Client(TestApp app, string? token, DeviceKind kind = DeviceKind.Kiosk)
    {
        var cookies = new CookieContainer();
        if (token is not null)
        {
            cookies.Add(app.BaseAddress, new Cookie(DeviceRegistry.CookieName(kind), token));
        }

        return app.CreateDefaultClient(app.BaseAddress, new CookieContainerHandler(cookies));
    }

    public static Task<TicketResult> DrawAsync(TestApp app, string officeId = Office, string serviceId = ShortService, string language = "de") =>
        app.InScopeAsync(sp => sp.GetRequiredService<TicketService>().DrawAsync(officeId, serviceId, language, CancellationToken.None));

    /// <summary>The places a ticket could still take today at the office (all of them: after 07:00 nothing is held back).</summary>
    public static async Task<int> PlacesLeftTodayAsync(TestApp app, string officeId = Office)
    {
        var now = app.Now;
        var today = now.InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date;
        await using var db = app.NewDb();
        var slots = await db.Slots.AsNoTracking().Where(s => s.OfficeId == officeId && s.Date == today && s.Start > now).ToListAsync();
        return slots.Sum(s => Bookability.FreePlaces(s, Taker.Citizen, now));
    }

    /// <summary>The ticket number on the ticket screen.</summary>
    public static string? NumberOn(string html) =>
        TicketNumber().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<p class=\"kiosk-ticket-number\">(\\d{3})</p>")]
    private static partial Regex TicketNumber();
}
