using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Kiosk;

/// <summary>Kiosk devices and clients that carry their cookie, as the kiosk tests share them.</summary>
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

    /// <summary>The ticket number on the ticket screen.</summary>
    public static string? NumberOn(string html) =>
        TicketNumber().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<p class=\"kiosk-ticket-number\">(\\d{3})</p>")]
    private static partial Regex TicketNumber();
}
