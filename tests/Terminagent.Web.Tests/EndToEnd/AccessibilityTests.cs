using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on every page of the booking flow, in German and English.
/// axe needs JavaScript, so this walks the flow in a browser with JavaScript on.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccessibilityTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task EveryPageOfTheFlow_PassesAxe()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        await using var citizen = await chromium.NewSessionAsync("axe", javaScript: true);
        var page = citizen.Page;
        var axe = new AxeAudit();

        async Task CheckAsync(string what)
        {
            await citizen.ShotAsync(what);
            await axe.CheckAsync(page, what);
        }

        await page.GotoAsync(app.Url("/"));
        await CheckAsync("start");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Personalausweis beantragen" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Standorten" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/offices\\?"));
        await CheckAsync("offices");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Freie Termine anzeigen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/times\\?"));
        await Expect(page.Locator("ul.times a").First).ToBeVisibleAsync();
        await CheckAsync("times");
        await page.Locator("ul.times a").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/book\\?"));
        await Expect(page.GetByLabel("E-Mail-Adresse")).ToBeVisibleAsync();
        await CheckAsync("book-form");

        // Get past the browser's own checks so the server's messages show.
        await page.Locator("#email").EvaluateAsync("e => { e.type = 'text'; e.removeAttribute('required'); }");
        await page.GetByLabel("Vor- und Nachname").FillAsync("Erika Mustermann");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte prüfen Sie Ihre Angaben");
        await Expect(page.GetByLabel("E-Mail-Adresse")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAsync("book-form-errors");

        await page.GetByLabel("E-Mail-Adresse").FillAsync("erika@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wir halten den Termin für Sie bis");
        await CheckAsync("held");

        var request = Assert.Single(await app.DeliverMailAsync());
        await page.GotoAsync(app.Url("/dev/mailbox"));
        await CheckAsync("mailbox");
        await page.GetByRole(AriaRole.Link, new() { Name = request.Subject }).ClickAsync();
        await Expect(page.Locator("pre.mail a[href*='/confirm/']")).ToBeVisibleAsync();
        await CheckAsync("mailbox-message");
        await page.Locator("pre.mail a[href*='/confirm/']").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Termin bestätigen" })).ToBeVisibleAsync();
        await CheckAsync("confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin bestätigen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+\\?confirmed=true$"));
        await CheckAsync("manage-confirmed");
        var manage = new Uri(page.Url).GetLeftPart(UriPartial.Path);
        await page.GetByRole(AriaRole.Link, new() { Name = "Termin verlegen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/move$"));
        await CheckAsync("move");
        await page.Locator("ul.times a").First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, verlegen" })).ToBeVisibleAsync();
        await CheckAsync("move-step");
        await page.GotoAsync(manage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Termin absagen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/cancel$"));
        await CheckAsync("cancel-step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, absagen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("\\?cancelled=true$"));
        await CheckAsync("manage-cancelled");

        await page.GotoAsync(app.Url("/confirm/not-a-real-token"));
        await CheckAsync("confirm-invalid-link");
        await page.GotoAsync(app.Url("/offices"));
        await CheckAsync("offices-without-service");

        await page.GotoAsync(app.Url("/?lang=en"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await CheckAsync("en-start");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Apply for an identity card" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: choose offices" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/offices\\?(.*&)?lang=en(&|$)"));
        await CheckAsync("en-offices");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        await Expect(page.Locator("ul.times a").First).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/times\\?(.*&)?lang=en(&|$)"));
        await CheckAsync("en-times");
        await page.Locator("ul.times a").First.ClickAsync();
        await Expect(page.GetByLabel("Email address")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/book\\?(.*&)?lang=en$"));
        await CheckAsync("en-book-form");

        axe.AssertNoViolations();
    }

    [Fact]
    public async Task WishAndOfferPages_PassAxe()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var mail = new Api.Mailbox(app, app.Url("/").TrimEnd('/'));
        var other = await Api.WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        await using var citizen = await chromium.NewSessionAsync("axe-wish", javaScript: true);
        var page = citizen.Page;
        var axe = new AxeAudit();

        async Task CheckAsync(string what)
        {
            await citizen.ShotAsync(what);
            await axe.CheckAsync(page, what);
        }

        await page.GotoAsync(app.Url("/wish"));
        await CheckAsync("wish-choose-service");
        await page.GotoAsync(app.Url("/wish?service=personalausweis&office=hauptbahnhof"));
        await Expect(page.GetByLabel("Von (Zeitraum 1)")).ToBeVisibleAsync();
        await CheckAsync("wish-form");

        // The wait for a changed choice, estimated again by the secondary button: nothing is registered.
        var monday = page.GetByRole(AriaRole.Checkbox, new() { Name = "Montag", Exact = true });
        await monday.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Wartezeit berechnen" }).ClickAsync();
        await Expect(page.Locator("#estimate-range")).ToContainTextAsync("Für diese Wahl: meist");
        await Expect(monday).Not.ToBeCheckedAsync();
        await CheckAsync("wish-form-estimated");
        await monday.CheckAsync();

        foreach (var day in new[] { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = day, Exact = true }).UncheckAsync();
        }

        await page.GetByLabel("Vor- und Nachname").FillAsync("Anna Beispiel");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminwunsch hinterlassen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte wählen Sie mindestens einen Wochentag");
        await CheckAsync("wish-form-errors");

        foreach (var day in new[] { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = day, Exact = true }).CheckAsync();
        }

        await page.GetByLabel("E-Mail-Adresse").FillAsync("anna@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminwunsch hinterlassen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wir haben Ihnen eine E-Mail geschickt");
        await CheckAsync("wish-registered");

        await page.GotoAsync(mail.LinkIn(await mail.SingleNewAsync("anna@example.org"), "/wish/confirm/"));
        await CheckAsync("wish-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminwunsch bestätigen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/wish/[^/?]+\\?confirmed=true$"));
        await CheckAsync("wish-manage");

        await page.GetByLabel("Von (Zeitraum 1)").SelectOptionAsync("12:00");
        await page.GetByLabel("Bis (Zeitraum 1)").SelectOptionAsync("08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderung speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte prüfen Sie die Uhrzeiten");
        await CheckAsync("wish-manage-errors");

        await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        var offer = mail.LinkIn(Assert.Single(await mail.NewAsync("anna@example.org"), m => (m.Subject ?? "").StartsWith("Terminangebot", StringComparison.Ordinal)), "/offer/");
        await page.GotoAsync(offer);
        await CheckAsync("offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Angebot ablehnen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte wählen Sie, ob Sie Ihren Terminwunsch behalten");
        await CheckAsync("offer-decline-errors");

        await page.GotoAsync(offer + "?lang=en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await CheckAsync("en-offer");
        await page.GetByLabel("Keep the wish (same place in the queue)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Decline the offer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have declined this offer");
        await CheckAsync("en-offer-declined");

        await page.GotoAsync(app.Url("/wish?service=personalausweis&lang=en"));
        await CheckAsync("en-wish-form");
        await page.GotoAsync(app.Url("/offer/not-a-real-token"));
        await CheckAsync("offer-invalid-link");

        axe.AssertNoViolations();
    }

    /// <summary>The wish and offer pages at 320 CSS pixels wide (WCAG 1.4.10 Reflow).</summary>
    [Fact]
    public async Task WishPages_FitA320PixelWideScreen()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var mail = new Api.Mailbox(app, app.Url("/").TrimEnd('/'));
        using var client = new HttpClient(new ProofOfWorkSolver { InnerHandler = new HttpClientHandler() }) { BaseAddress = app.BaseAddress };
        var other = await Api.WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        using var created = await client.PostAsJsonAsync("/api/v1/wishes", Api.WishScenario.Body("anna@example.org", [1, 2, 3, 4, 5], "08:00", "18:00"));
        var confirmLink = mail.LinkIn(await mail.SingleNewAsync("anna@example.org"), "/wish/confirm/");
        using var confirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = new Uri(confirmLink).Segments[^1] });
        var manageLink = mail.LinkIn(await mail.SingleNewAsync("anna@example.org"), "/wish/");
        await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        var offerLink = mail.LinkIn(await mail.SingleNewAsync("anna@example.org"), "/offer/");

        await using var phone = await chromium.NewSessionAsync("320px-wish", javaScript: true);
        await phone.Page.SetViewportSizeAsync(320, 640);
        var tooWide = new List<string>();
        (string Name, string Address)[] pages =
        [
            ("wish-form", app.Url("/wish?service=personalausweis&office=hauptbahnhof")),
            ("wish-manage", manageLink),
            ("offer", offerLink),
        ];
        foreach (var (name, address) in pages)
        {
            await phone.Page.GotoAsync(address);
            await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await phone.ShotAsync(name);
            var width = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                tooWide.Add($"{name} ({new Uri(address).AbsolutePath}): {width}px");
            }
        }

        Assert.True(tooWide.Count == 0, "Pages wider than a 320px screen: " + string.Join(", ", tooWide));
    }

    /// <summary>WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing may need scrolling sideways.</summary>
    [Fact]
    public async Task CitizenPages_FitA320PixelWideScreen()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var request = Assert.Single(await app.DeliverMailAsync());
        var confirmLink = Scenario.LinkIn(request, app.Url("/confirm/"));
        await app.BookingsAsync(b => b.ConfirmAsync(Scenario.TokenIn(request, app.Url("/confirm/")), default));
        var confirmation = Assert.Single(await app.DeliverMailAsync(), m => m.MessageId != request.MessageId);
        var manageLink = Scenario.LinkIn(confirmation, app.Url("/appointment/"));
        var confirmationFile = Path.GetFileName(Directory.GetFiles(app.MailFolder, "*.eml")
            .Single(f => MimeKit.MimeMessage.Load(f).MessageId == confirmation.MessageId));

        await using var phone = await chromium.NewSessionAsync("320px", javaScript: true);
        await phone.Page.SetViewportSizeAsync(320, 640);
        var tooWide = new List<string>();
        (string Name, string Address)[] pages =
        [
            ("start", app.Url("/")),
            ("offices", app.Url("/offices?service=personalausweis")),
            ("times", app.Url("/times?service=personalausweis&office=hauptbahnhof")),
            ("book-form", app.Url($"/book?service=personalausweis&at=hauptbahnhof&start={Uri.EscapeDataString(NodaTime.Text.InstantPattern.General.Format(time.Start))}&office=hauptbahnhof")),
            ("confirm", confirmLink),
            ("manage", manageLink),
            ("move", manageLink + "/move"),
            ("cancel-step", manageLink + "/cancel"),
            ("mailbox-message", app.Url("/dev/mailbox/" + Uri.EscapeDataString(confirmationFile))),
        ];
        foreach (var (name, address) in pages)
        {
            await phone.Page.GotoAsync(address);
            await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await phone.ShotAsync(name);
            var width = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                tooWide.Add($"{name} ({new Uri(address).AbsolutePath}): {width}px");
            }
        }

        Assert.True(tooWide.Count == 0, "Pages wider than a 320px screen: " + string.Join(", ", tooWide));
    }
}
