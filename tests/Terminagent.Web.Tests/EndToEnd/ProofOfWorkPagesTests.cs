using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime.Text;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>With JavaScript the browser solves the booking form's proof-of-work by itself; the status says so, and axe finds nothing.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ProofOfWorkPagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task BookForm_BrowserSolvesTheChallenge_AndTheFormGoesThrough()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite, settings: new() { ["ProofOfWork:Difficulty"] = "10" });
        await using var citizen = await chromium.NewSessionAsync("proof-of-work", javaScript: true);
        var page = citizen.Page;
        var axe = new AxeAudit();
        var time = await Scenario.FirstFreeTimeAsync(app);

        await page.GotoAsync(app.Url($"/book?service={Scenario.Service}&at={time.OfficeId}&start={Uri.EscapeDataString(InstantPattern.General.Format(time.Start))}"));
        var status = page.Locator("#challenge");
        await Expect(status).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(status).ToContainTextAsync("Die Aufgabe gegen automatisierte Buchungen ist gelöst");
        Assert.NotEmpty(await page.Locator("input[name='nonce']").InputValueAsync());
        await axe.CheckAsync(page, "book form, challenge solved");

        await page.GetByLabel("Vor- und Nachname").FillAsync("Erika Mustermann");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("erika@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bitte bestätigen Sie per E-Mail");
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Bookings.CountAsync());
        Assert.Equal(1, await db.UsedChallenges.CountAsync());
        axe.AssertNoViolations();
    }
}
