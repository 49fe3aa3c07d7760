using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The kiosk in headless Chromium, as the touch screen at the entrance shows it: a walk-in draws a
/// ticket and sees its number and QR code; Unterbach, which has no kiosk, and a browser that is no
/// kiosk are refused clearly. JavaScript is on for axe; the pages need none.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class KioskPagesTests(ChromiumFixture chromium)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WalkIn_DrawsATicket_SeesNumberAndQrCode_AndUnterbachRefuses(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var token = await KioskKit.IssueKioskAsync(app);
        await using var kiosk = await chromium.NewSessionAsync($"kiosk-{provider}", javaScript: true);
        var page = kiosk.Page;
        await page.Context.AddCookiesAsync([new Cookie { Name = DeviceRegistry.CookieName(DeviceKind.Kiosk), Value = token, Url = app.Url("/") }]);
        var axe = new AxeAudit();

        async Task CheckAsync(IPage on, BrowserSession session, string what)
        {
            await session.ShotAsync(what);
            await axe.CheckAsync(on, what);
        }

        await page.GotoAsync(app.Url("/kiosk/hauptbahnhof"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Terminmarke ziehen: Was ist Ihr Anliegen?");
        await CheckAsync(page, kiosk, "start");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Draw a ticket: what do you need?");
        await CheckAsync(page, kiosk, "start-en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Meldebescheinigung" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/kiosk/hauptbahnhof/ticket/[0-9a-f-]+$"));
        await Expect(page.Locator(".kiosk-ticket-number")).ToHaveTextAsync("001");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR-Code der Terminmarke 001" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The QR code image did not load.");
        await Expect(page.Locator("main")).ToContainTextAsync("voraussichtlich gegen 10:15 Uhr");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Drucken" })).ToBeVisibleAsync();
        await CheckAsync(page, kiosk, "ticket");

        // On paper only the ticket: no language buttons, no "Done".
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".kiosk-ticket-number")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Fertig" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English" })).ToBeHiddenAsync();
        await kiosk.ShotAsync("ticket-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "Fertig" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/kiosk/hauptbahnhof$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Ich habe einen Termin" }).ClickAsync();
        await Expect(page.GetByLabel("Buchungscode", new() { Exact = false })).ToBeFocusedAsync();
        await CheckAsync(page, kiosk, "checkin");

        await page.GotoAsync(app.Url("/kiosk/unterbach"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Keine Terminmarken im Bürgerbüro Unterbach");
        await Expect(page.Locator("main")).ToContainTextAsync("Das Bürgerbüro Unterbach gibt keine Terminmarken aus");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nichts frei? Terminwunsch beim Terminagenten hinterlassen" })).ToHaveAttributeAsync("href", "/wish");
        await CheckAsync(page, kiosk, "unterbach");

        await using var stranger = await chromium.NewSessionAsync($"kiosk-stranger-{provider}", javaScript: true);
        var response = await stranger.Page.GotoAsync(app.Url("/kiosk/hauptbahnhof"));
        Assert.Equal(403, response!.Status);
        await Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Dieses Gerät ist nicht als Kiosk für Bürgerbüro Hauptbahnhof eingerichtet.");
        await CheckAsync(stranger.Page, stranger, "not-a-kiosk");

        axe.AssertNoViolations();
    }
}
