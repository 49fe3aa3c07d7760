using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The README's walkthrough, in the browser: the first administrator creates a clerk and issues a
/// kiosk and a call display; a walk-in draws a ticket; the clerk calls it; the display, open in
/// its own window, shows it without reloading.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class OfficeDayJourneyTests(ChromiumFixture chromium)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministratorSetsUp_WalkInDrawsTicket_ClerkCallsIt_DisplayShowsIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var administrator = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        var axe = new AxeAudit();

        await using var office = await chromium.NewSessionAsync($"journey-admin-{provider}", javaScript: true);
        var admin = office.Page;
        await SignInAsync(app, admin, administrator.Email, administrator.Password, "/staff");

        await admin.GotoAsync(app.Url("/staff/accounts/new"));
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Clara Clerk");
        await admin.GetByLabel("E-Mail-Adresse (Anmeldename)").FillAsync("clara@staff.demostadt.example");
        await admin.Locator("#role-Clerk").CheckAsync();
        await admin.Locator("#office-hauptbahnhof").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        var clerkPassword = (await admin.Locator(".password code").InnerTextAsync()).Trim();

        var kioskLink = await IssueDeviceAsync(admin, "#kind-kiosk", "Kiosk Eingang");
        var displayLink = await IssueDeviceAsync(admin, "#kind-display", "Anzeige Wartebereich");

        await using var kioskSession = await chromium.NewSessionAsync($"journey-kiosk-{provider}", javaScript: true);
        var kiosk = kioskSession.Page;
        await kiosk.GotoAsync(kioskLink);
        await kiosk.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("als Kiosk") }).ClickAsync();
        await Expect(kiosk).ToHaveURLAsync(new Regex("/kiosk/hauptbahnhof"));

        await using var displaySession = await chromium.NewSessionAsync($"journey-display-{provider}", javaScript: true);
        var display = displaySession.Page;
        await display.GotoAsync(displayLink);
        await display.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("als Aufrufanzeige") }).ClickAsync();
        await Expect(display).ToHaveURLAsync(new Regex("/display/hauptbahnhof"));
        await Expect(display.Locator("#latest")).ToContainTextAsync("Noch kein Aufruf");
        await display.EvaluateAsync("() => { window.notReloaded = true; }");

        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Personalausweis" }).ClickAsync();
        await Expect(kiosk.Locator(".kiosk-ticket-number")).ToHaveTextAsync("001");
        await axe.CheckAsync(kiosk, "kiosk ticket");

        await using var counterSession = await chromium.NewSessionAsync($"journey-counter-{provider}", javaScript: true);
        var counter = counterSession.Page;
        await SignInAsync(app, counter, "clara@staff.demostadt.example", clerkPassword, "/counter/hauptbahnhof/1");
        await Expect(counter.Locator("table.queue")).ToContainTextAsync("001");
        await counter.GetByRole(AriaRole.Button, new() { Name = "Nächste/n aufrufen" }).ClickAsync();
        await Expect(counter.GetByRole(AriaRole.Status)).ToContainTextAsync("001 ist an Schalter 1 aufgerufen.");

        await Expect(display.Locator("#latest .label")).ToHaveTextAsync("001");
        await Expect(display.Locator("#latest .counter")).ToHaveTextAsync("Schalter 1");
        Assert.True(await display.EvaluateAsync<bool>("() => window.notReloaded === true"), "The display reloaded instead of updating.");
        await axe.CheckAsync(display, "call display after the call");
        await displaySession.ShotAsync("called");

        // Revoking asks first, on a page of its own.
        await admin.GotoAsync(app.Url("/staff/devices/hauptbahnhof"));
        await axe.CheckAsync(admin, "devices");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Anzeige Wartebereich sperren" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gerät sperren?");
        await axe.CheckAsync(admin, "revoke step");
        await office.ShotAsync("revoke-step");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ja, sperren" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Das Gerät ist gesperrt.");

        axe.AssertNoViolations();
    }

    private static async Task SignInAsync(TestApp app, IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync(app.Url("/staff/signin?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }

    private static async Task<string> IssueDeviceAsync(IPage admin, string kind, string name)
    {
        await admin.GotoAsync(admin.Url.Split("/staff")[0] + "/staff/devices/hauptbahnhof");
        await admin.Locator(kind).CheckAsync();
        await admin.GetByLabel("Name des Geräts").FillAsync(name);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gerät ausgeben" }).ClickAsync();
        return (await admin.Locator(".activation-link a").GetAttributeAsync("href"))!;
    }
}
