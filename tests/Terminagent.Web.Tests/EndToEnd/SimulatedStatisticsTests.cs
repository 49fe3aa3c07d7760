extern alias simulation;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using simulation::Terminagent.Simulation;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A short simulation (two offices, a few days) fills the database through the real engine; the
/// statistics page then draws its charts from that data in headless Chromium, and its figures are
/// the simulation's own.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class SimulatedStatisticsTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task StatisticsPage_ChartsTheSimulatedDays_WithTheSimulationsFigures()
    {
        var options = new SimulationOptions
        {
            Days = 4,
            Offices = 2,
            ContactsPerYear = 8_000,
            WishesPerDay = 40,
            Rule = DeadlineRule.Fixed,
            Seed = 11,
            Provider = DatabaseProvider.Sqlite,
        };
        var cityFile = Path.Combine(Directory.CreateTempSubdirectory("terminagent-simcity-").FullName, "city.json");
        CityGenerator.Write(cityFile, options.Offices, options.ContactsPerYear, options.Rule, options.Start, SimulationRun.PlacesPerContact, options.ReleaseSharePercent);
        var start = options.Start.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToInstant();
        await using var app = await TestApp.StartWithKestrelAsync(
            DatabaseProvider.Sqlite, start, cityFile, new() { ["App:PublicBaseUrl"] = "https://sim.example.org" },
            web => web.ConfigureServices(services => SimulatedMailboxes.Use(services)));

        var report = await SimulationRun.RunOnHostAsync(app.Services, app.Time, options, null, CancellationToken.None);
        Assert.True(report.AddsUp, string.Join("; ", report.Checks.Where(c => !c.Holds).Select(c => $"{c.What}: {c.Expected} ≠ {c.Actual}")));
        Assert.True(report.OffersMade > 0, "the simulation made no offers to chart");

        var login = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        await using var browser = await chromium.NewSessionAsync("simulated-statistics", javaScript: true);
        var page = browser.Page;
        await page.GotoAsync(app.Url("/staff/signin"));
        await page.GetByLabel("E-Mail-Adresse").FillAsync(login.Email);
        await page.GetByLabel("Passwort").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));

        var from = options.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = options.Start.PlusDays(options.Days + 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync(app.Url($"/staff/statistics?from={from}&to={to}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Statistik");
        await Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(8);
        Assert.True(await page.Locator("#chart-offers rect.bar").CountAsync() > 0, "the offers chart has no bars");
        var offersMade = page.Locator(".kpi", new() { HasText = "Angebote gemacht" }).Locator(".kpi-value");
        await Expect(offersMade).ToHaveTextAsync(report.OffersMade.ToString("N0", CultureInfo.GetCultureInfo("de")));
        var wishes = page.Locator(".kpi", new() { HasText = "Terminwünsche registriert" }).Locator(".kpi-value");
        await Expect(wishes).ToHaveTextAsync(report.WishesRegistered.ToString("N0", CultureInfo.GetCultureInfo("de")));
        await browser.ShotAsync("statistics-simulated");

        var axe = new AxeAudit();
        await axe.CheckAsync(page, "statistics of a simulated city");
        axe.AssertNoViolations();
    }
}
