using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Statistics;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>An administrator in headless Chromium opens the statistics from the staff home: charts drawn, tables there, axe-core clean.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class StatisticsPagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Administrator_SeesChartsAndTables_WithoutViolations()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite, settings: StatisticsScenario.Settings);
        await StatisticsScenario.SeedAsync(app);
        var login = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        await using var admin = await chromium.NewSessionAsync("statistics", javaScript: true);
        var page = admin.Page;
        var axe = new AxeAudit();

        await page.GotoAsync(app.Url("/staff/signin"));
        await page.GetByLabel("E-Mail-Adresse").FillAsync(login.Email);
        await page.GetByLabel("Passwort").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Termine, Auslastung, Terminwünsche und Wartezeiten" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Statistik");
        await page.GetByLabel("Von").FillAsync("2026-11-25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("from=2026-11-25"));

        await Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(8);
        Assert.True(await page.Locator("svg[role=img] rect.bar").CountAsync() >= 12);
        await Expect(page.Locator(".kpi-main .kpi-value")).ToHaveTextAsync("67 %");
        await Expect(page.Locator("#chart-offers title").First).ToHaveTextAsync("Angebote pro Tag nach Ausgang");
        await admin.ShotAsync("statistics");
        await axe.CheckAsync(page, "statistics");

        await page.GotoAsync(app.Url("/staff/statistics?from=2025-12-01&to=2026-11-30&lang=en"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Statistics");
        await admin.ShotAsync("statistics-year");
        await axe.CheckAsync(page, "statistics-year");

        axe.AssertNoViolations();
    }
}
