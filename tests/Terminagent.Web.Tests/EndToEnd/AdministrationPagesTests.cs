using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// An office manager shortens Tuesday afternoon's opening hours:
/// the page (plain forms, no script) lists the one appointment that no longer fits, the manager confirms, the change is
/// saved and logged, and the citizen is told. Axe checks every page on the way.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AdministrationPagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ManagerShortensOpeningHours_ConfirmsTheAffectedAppointment_AndFindsItInTheAuditLog()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var kit = new AgentKit(app);
        var booked = await kit.BookAsync(AgentKit.AtBerlin(2026, 12, 1, 17, 0), "spaet@example.org", Scenario.Service, Scenario.Office);
        var code = (await Scenario.BookingAsync(app, booked)).Code;
        var manager = await StaffSessions.CreateAsync(app, StaffRole.OfficeManager, Scenario.Office);
        await using var browser = await chromium.NewSessionAsync("administration", javaScript: true);
        var page = browser.Page;
        var axe = new AxeAudit();

        await page.GotoAsync(app.Url("/staff/signin?returnUrl=%2Fstaff"));
        await page.GetByLabel("E-Mail-Adresse").FillAsync(manager.Email);
        await page.GetByLabel("Passwort").FillAsync(manager.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Standorte, Öffnungszeiten, Schließtage und Anliegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Standorte verwalten");
        await axe.CheckAsync(page, "administration index");
        await page.GetByRole(AriaRole.Link, new() { Name = "Öffnungszeiten, Schalter und Freigabe Bürgerbüro Hauptbahnhof" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/administration/offices/hauptbahnhof$"));
        await browser.ShotAsync("administration-office");
        await axe.CheckAsync(page, "office settings");

        await page.GetByLabel("Dienstag 2 bis", new() { Exact = true }).FillAsync("16:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen speichern" }).ClickAsync();
        var affected = page.Locator("section.affected");
        await Expect(affected.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Diese Änderung betrifft 1 gebuchte Termine");
        await Expect(affected).ToContainTextAsync(code);
        await browser.ShotAsync("administration-affected");
        await axe.CheckAsync(page, "office settings, affected appointments");

        await affected.GetByRole(AriaRole.Button, new() { Name = "Speichern und 1 per E-Mail informieren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gespeichert. 1 Bürgerinnen und Bürger");
        await Expect(page.GetByLabel("Dienstag 2 bis", new() { Exact = true })).ToHaveValueAsync("16:00");

        await page.GetByRole(AriaRole.Link, new() { Name = "Schließtage und Feiertage" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gesetzliche Feiertage in Nordrhein-Westfalen 2027" })).ToBeVisibleAsync();
        await browser.ShotAsync("administration-closed-days");
        await axe.CheckAsync(page, "closed days");

        await page.GotoAsync(app.Url("/staff/administration/audit"));
        await Expect(page.Locator("table.audit dt").Filter(new() { HasText = "Öffnungszeiten · Dienstag, Zeitraum 2 · bis" })).ToHaveCountAsync(1);
        await Expect(page.Locator("table.audit")).ToContainTextAsync("18:00 → 16:00");
        await Expect(page.Locator("table.audit")).ToContainTextAsync("Betroffene per E-Mail informiert (Buchungscodes)");
        await Expect(page.Locator("table.audit")).ToContainTextAsync(code);
        await browser.ShotAsync("administration-audit");
        await axe.CheckAsync(page, "audit log");

        await page.GotoAsync(app.Url("/staff/administration/affected"));
        await Expect(page.Locator("table")).ToContainTextAsync(code);
        await axe.CheckAsync(page, "affected appointments");

        Assert.Contains(await app.DeliverMailAsync(), m => m.Subject!.StartsWith("Bitte neu buchen", StringComparison.Ordinal));
        axe.AssertNoViolations();
    }
}
