using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Privacy;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>"My data" in Chromium: from the appointment page to the data, the erasure's confirmation and its result, each page checked by axe.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PrivacyPagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ShowAndErase_FromTheAppointmentPage_PassAxe()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite, cityFile: TestApp.City(AgentKit.OneOffice));
        var kit = new AgentKit(app);
        var (_, manage) = await PrivacyKit.BookAsync(kit, PrivacyKit.Wednesday9, "Anna Beispiel", "anna@example.org", "0211 555 0101");
        await using var citizen = await chromium.NewSessionAsync("privacy", javaScript: true);
        var page = citizen.Page;
        var axe = new AxeAudit();

        await page.GotoAsync(app.Url($"/appointment/{manage}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meine Daten" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "appointment with my data");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meine Daten anzeigen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Daten");
        await Expect(page.GetByText("0211 555 0101")).ToBeVisibleAsync();
        await axe.CheckAsync(page, "my data");
        await citizen.ShotAsync("my-data");
        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Daten löschen …" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Daten löschen");
        await axe.CheckAsync(page, "erase confirmation");
        await citizen.ShotAsync("erase-confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, meine Daten jetzt löschen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Links in Ihren E-Mails funktionieren nicht mehr");
        await axe.CheckAsync(page, "erased");
        await page.GotoAsync(app.Url($"/my-data/{manage}/erase?lang=en"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This link is not valid");
        await axe.CheckAsync(page, "link not valid");
        axe.AssertNoViolations();
    }
}
