using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Microsoft.Playwright.Assertions;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A clerk has the counter page open and is typing a booking code; meanwhile a walk-in draws a
/// ticket at the kiosk and an appointment holder checks in there. Both appear on the counter page
/// without a reload or a click, and what the clerk typed stays, focus included.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class CounterRefreshPagesTests(ChromiumFixture chromium)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TicketAndCheckInAtTheKiosk_AppearOnTheCounterPage_WithoutReload_AndTypingStays(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var (booking, _) = await BookTodayAsync(app, 2);
        await using var browser = await chromium.NewSessionAsync($"counter-refresh-{provider}", javaScript: true);
        var counter = browser.Page;
        await counter.SetViewportSizeAsync(1280, 900);
        var axe = new AxeAudit();

        await counter.GotoAsync(app.Url("/staff/signin?returnUrl=%2Fcounter%2Fhauptbahnhof%2F1"));
        await counter.GetByLabel("E-Mail-Adresse").FillAsync(clerk.Email);
        await counter.GetByLabel("Passwort").FillAsync(clerk.Password);
        await counter.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(counter).ToHaveURLAsync(new Regex("/counter/hauptbahnhof/1$"));
        var waiting = counter.Locator("section[aria-labelledby=waiting-heading]");
        var expected = counter.Locator("section[aria-labelledby=expected-heading]");
        await Expect(waiting.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Wartende (0)");
        await Expect(expected).ToContainTextAsync(booking.Code);
        await counter.EvaluateAsync("() => { window.notReloaded = true; }");
        var code = counter.GetByLabel("Buchungscode", new() { Exact = true });
        await code.FillAsync("K7M4");
        await browser.ShotAsync("before");

        await using var kiosk = await chromium.NewSessionAsync($"counter-refresh-kiosk-{provider}", javaScript: true);
        await kiosk.Page.Context.AddCookiesAsync(
            [new Cookie { Name = DeviceRegistry.CookieName(DeviceKind.Kiosk), Value = await KioskKit.IssueKioskAsync(app), Url = app.Url("/") }]);
        await kiosk.Page.GotoAsync(app.Url("/kiosk/hauptbahnhof"));
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "Meldebescheinigung" }).ClickAsync();
        await Expect(kiosk.Page.Locator(".kiosk-ticket-number")).ToHaveTextAsync("001");

        await Expect(waiting.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Wartende (1)");
        await Expect(waiting.Locator("td.label")).ToHaveTextAsync(["001"]);
        await browser.ShotAsync("ticket-arrived");
        await axe.CheckAsync(counter, "counter after a ticket arrived");

        await kiosk.Page.GetByRole(AriaRole.Link, new() { Name = "Fertig" }).ClickAsync();
        await kiosk.Page.GetByRole(AriaRole.Link, new() { Name = "Ich habe einen Termin" }).ClickAsync();
        await kiosk.Page.Locator("#code").FillAsync(booking.Code);
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(kiosk.Page.Locator("main")).ToContainTextAsync(booking.Code);

        await Expect(waiting.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Wartende (2)");
        await Expect(waiting.Locator("td.label")).ToContainTextAsync([booking.Code]);
        await Expect(expected).Not.ToContainTextAsync(booking.Code);
        Assert.True(await counter.EvaluateAsync<bool>("() => window.notReloaded === true"), "The counter page reloaded instead of updating.");
        await Expect(code).ToHaveValueAsync("K7M4");
        await Expect(code).ToBeFocusedAsync();
        await browser.ShotAsync("checked-in");
        await axe.CheckAsync(counter, "counter after a check-in arrived");

        axe.AssertNoViolations();
    }
}
