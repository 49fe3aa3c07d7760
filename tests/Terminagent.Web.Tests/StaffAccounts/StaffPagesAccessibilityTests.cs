using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.EndToEnd;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.StaffAccounts;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on the account, password and device pages, driven in
/// Chromium the way an administrator uses them: create an account, change it, issue a kiosk, set it up.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class StaffPagesAccessibilityTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task AccountPasswordAndDevicePages_PassAxe()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var admin = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        await using var session = await chromium.NewSessionAsync("axe-staff", javaScript: true);
        var page = session.Page;
        var axe = new AxeAudit();

        async Task CheckAsync(string what)
        {
            await session.ShotAsync(what);
            await axe.CheckAsync(page, what);
        }

        await page.GotoAsync(app.Url("/staff/signin"));
        await page.GetByLabel("E-Mail-Adresse").FillAsync(admin.Email);
        await page.GetByLabel("Passwort").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await CheckAsync("staff-home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Konten der Mitarbeitenden" }).ClickAsync();
        await CheckAsync("accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neues Konto anlegen" }).ClickAsync();
        await CheckAsync("account-new");

        // Past the browser's own checks, so the server's messages show next to the fields.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nina Neumann");
        await page.GetByLabel("E-Mail-Adresse (Anmeldename)").FillAsync("nina@staff.demostadt.example");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Standortleitung" }).CheckAsync();
        await page.Locator("form[action='/staff/accounts/new']").EvaluateAsync("f => f.noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("mindestens einen Standort");
        await CheckAsync("account-new-errors");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bitte geben Sie es persönlich weiter.");
        await CheckAsync("account-created");

        await page.GetByRole(AriaRole.Link, new() { Name = "Zum neuen Konto" }).ClickAsync();
        await CheckAsync("account");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderung speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("mindestens einen Standort");
        await CheckAsync("account-errors");
        await page.GetByRole(AriaRole.Button, new() { Name = "Neues Passwort erzeugen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bitte geben Sie es persönlich weiter.");
        await CheckAsync("account-new-password");

        await page.GotoAsync(app.Url("/staff/password"));
        await CheckAsync("password");
        await page.GetByLabel("Bisheriges Passwort").FillAsync(admin.Password);
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync("zu kurz");
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync("zu kurz");
        await page.Locator("form[action='/staff/password']").EvaluateAsync("f => f.noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("mindestens 12 Zeichen");
        await CheckAsync("password-errors");

        await page.GotoAsync(app.Url("/staff/devices/hauptbahnhof"));
        await CheckAsync("devices-empty");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Kiosk – Wartenummern ziehen am Eingang" }).CheckAsync();
        await page.GetByLabel("Name des Geräts").FillAsync("Eingang links");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gerät ausgeben" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-Code mit dem Link zum Einrichten" })).ToBeVisibleAsync();
        await CheckAsync("device-issued");
        var activation = await page.Locator(".activation-link a").GetAttributeAsync("href");

        await page.GotoAsync(activation!);
        await CheckAsync("device-activate");
        await page.GotoAsync(app.Url("/devices/activate?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        await CheckAsync("device-activate-unknown");
        await page.GotoAsync(app.Url("/staff/devices/unterbach?lang=en"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await CheckAsync("en-devices-without-kiosk");
        await page.GotoAsync(app.Url("/staff/accounts?lang=en"));
        await CheckAsync("en-accounts");

        axe.AssertNoViolations();
    }
}
