using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A clerk opens a counter and the call display side by side in one browser, calls a waiting
/// ticket holder, and the display shows the number without reloading; axe checks both pages.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class CounterDisplayTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ClerkCallsATicket_AndTheDisplayShowsItWithoutReload()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        await using var browser = await chromium.NewSessionAsync("counter-display", javaScript: true);
        var counter = browser.Page;
        var axe = new AxeAudit();

        await counter.GotoAsync(app.Url("/staff/signin?returnUrl=%2Fcounter%2Fhauptbahnhof%2F1"));
        await counter.GetByLabel("E-Mail-Adresse").FillAsync(clerk.Email);
        await counter.GetByLabel("Passwort").FillAsync(clerk.Password);
        await counter.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(counter).ToHaveURLAsync(new Regex("/counter/hauptbahnhof/1$"));
        await Expect(counter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Schalter 1");
        await browser.ShotAsync("counter-empty");
        await axe.CheckAsync(counter, "counter, nobody waiting");

        var display = await counter.Context.NewPageAsync();
        await display.GotoAsync(app.Url("/display/hauptbahnhof"));
        await Expect(display.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bürgerbüro Hauptbahnhof");
        await Expect(display.Locator("#latest")).ToContainTextAsync("Noch kein Aufruf");
        await display.EvaluateAsync("() => { window.notReloaded = true; }");
        await ShotAsync(display, "display-empty");
        await axe.CheckAsync(display, "call display, no calls");

        await TicketVisitAsync(app, 7);
        await counter.GetByRole(AriaRole.Link, new() { Name = "Aktualisieren" }).ClickAsync();
        await Expect(counter.Locator("table.queue")).ToContainTextAsync("007");
        await axe.CheckAsync(counter, "counter, one waiting");
        await counter.GetByRole(AriaRole.Button, new() { Name = "Nächste/n aufrufen" }).ClickAsync();
        await Expect(counter.GetByRole(AriaRole.Status)).ToContainTextAsync("007 ist an Schalter 1 aufgerufen.");
        await Expect(counter.Locator(".current-label")).ToHaveTextAsync("007");
        await browser.ShotAsync("counter-called");
        await axe.CheckAsync(counter, "counter, one called");

        await Expect(display.Locator("#latest .label")).ToHaveTextAsync("007");
        await Expect(display.Locator("#latest .counter")).ToHaveTextAsync("Schalter 1");
        Assert.True(await display.EvaluateAsync<bool>("() => window.notReloaded === true"), "The display reloaded instead of updating.");
        await Expect(display.Locator("#connection")).ToBeHiddenAsync();
        await ShotAsync(display, "display-called");
        await axe.CheckAsync(display, "call display, one call");

        // The next call moves the first one down the list, still without a reload.
        await TicketVisitAsync(app, 8);
        await counter.GetByRole(AriaRole.Button, new() { Name = "erledigt" }).ClickAsync();
        await Expect(counter.GetByRole(AriaRole.Status)).ToContainTextAsync("007 ist erledigt.");
        await counter.GetByRole(AriaRole.Button, new() { Name = "Nächste/n aufrufen" }).ClickAsync();
        await Expect(counter.GetByRole(AriaRole.Status)).ToContainTextAsync("008 ist an Schalter 1 aufgerufen.");
        await Expect(display.Locator("#latest .label")).ToHaveTextAsync("008");
        await Expect(display.Locator("#previous li .label")).ToHaveTextAsync(["007"]);
        Assert.True(await display.EvaluateAsync<bool>("() => window.notReloaded === true"), "The display reloaded instead of updating.");
        await ShotAsync(display, "display-second-call");

        axe.AssertNoViolations();
    }

    private static async Task ShotAsync(IPage page, string what)
    {
        Directory.CreateDirectory(BrowserSession.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserSession.ScreenshotFolder, $"counter-display-{what}.png"),
            FullPage = true,
        });
    }
}
