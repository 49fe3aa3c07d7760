using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A citizen books, confirms and cancels in headless Chromium with JavaScript off, against the app
/// on Kestrel: the pages must work as plain HTML forms and links.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BookingPagesTests(ChromiumFixture chromium)
{
    private const string Email = "erika@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BookConfirmAndCancel_ThroughThePages(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        await using var citizen = await chromium.NewSessionAsync($"book-confirm-cancel-{provider}", javaScript: false);
        var page = citizen.Page;

        await page.GotoAsync(app.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin im Bürgerbüro buchen");
        await citizen.ShotAsync("start");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Personalausweis beantragen" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Standorten" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/offices\\?service=personalausweis"));
        await citizen.ShotAsync("offices");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Freie Termine anzeigen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/times\\?"));
        var firstTime = page.Locator("ul.times a").First;
        await Expect(firstTime).ToBeVisibleAsync();
        await citizen.ShotAsync("times");
        var timeLink = await firstTime.GetAttributeAsync("href") ?? throw new InvalidOperationException("A time without a link.");
        await firstTime.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihre Angaben");
        await citizen.ShotAsync("book-form");
        await page.GetByLabel("Vor- und Nachname").FillAsync("Erika Mustermann");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(Email);

        // Without JavaScript the page asks for a short wait against automated bookings.
        await Expect(page.Locator("#challenge")).ToContainTextAsync("frühestens 15 Sekunden");
        app.Advance(NodaTime.Duration.FromSeconds(15));
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bitte bestätigen Sie per E-Mail");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wir halten den Termin für Sie bis");
        await citizen.ShotAsync("held");
        var booking = await BookingOfAsync(app, Email);
        Assert.Equal(BookingStatus.Held, booking.Status);
        Assert.All(await Scenario.SlotsOfAsync(app, booking.Slots.Select(s => s.SlotId)), s => Assert.Equal(1, s.Taken));

        var request = Assert.Single(await app.DeliverMailAsync());
        await page.GotoAsync(app.Url("/dev/mailbox"));
        await citizen.ShotAsync("mailbox");
        await page.GetByRole(AriaRole.Link, new() { Name = request.Subject }).ClickAsync();
        var confirmLink = page.Locator("pre.mail a[href*='/confirm/']");
        await Expect(confirmLink).ToHaveAttributeAsync("href", new Regex("^" + Regex.Escape(app.Url("/confirm/"))));
        await citizen.ShotAsync("confirm-email");
        await confirmLink.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/confirm/"));
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Erika Mustermann");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Bürgerbüro Hauptbahnhof");
        await citizen.ShotAsync("confirm-page");
        Assert.Equal(BookingStatus.Held, (await Scenario.BookingAsync(app, booking.Id)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin bestätigen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+\\?confirmed=true$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Termin ist verbindlich gebucht");
        await citizen.ShotAsync("manage-confirmed");
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);

        var mails = await app.DeliverMailAsync();
        Assert.Equal(2, mails.Count);
        var confirmation = Assert.Single(mails, m => m.MessageId != request.MessageId);
        Assert.Contains(confirmation.Attachments.OfType<MimePart>(), a => a.FileName == "termin.ics");
        Assert.Equal(new Uri(page.Url).GetLeftPart(UriPartial.Path), Scenario.LinkIn(confirmation, app.Url("/appointment/")));

        await page.GetByRole(AriaRole.Link, new() { Name = "Termin absagen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+/cancel$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin absagen?");
        await citizen.ShotAsync("cancel-step");
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, absagen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+\\?cancelled=true$"));
        await Expect(page.GetByText("Dieser Termin ist abgesagt.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Termin absagen" })).ToHaveCountAsync(0);
        await citizen.ShotAsync("manage-cancelled");

        var cancelled = await Scenario.BookingAsync(app, booking.Id);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.NotEmpty(cancelled.Slots);
        Assert.All(await Scenario.SlotsOfAsync(app, cancelled.Slots.Select(s => s.SlotId)), s => Assert.Equal(0, s.Taken));
        await Scenario.AssertCapacityConsistentAsync(app);

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof"));
        await Expect(page.Locator($"ul.times a[href='{timeLink}']")).ToBeVisibleAsync();
        await citizen.ShotAsync("times-again");
    }

    [Fact]
    public async Task OpeningTheConfirmLink_ChangesNothing()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", Email, null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var link = Scenario.LinkIn(Assert.Single(await app.DeliverMailAsync()), app.Url("/confirm/"));
        await using var scanner = await chromium.NewSessionAsync("confirm-link-scanner", javaScript: false);

        for (var visit = 0; visit < 2; visit++)
        {
            var response = await scanner.Page.GotoAsync(link);
            Assert.Equal(200, response!.Status);
            await Expect(scanner.Page.GetByRole(AriaRole.Button, new() { Name = "Termin bestätigen" })).ToBeVisibleAsync();
        }

        await scanner.ShotAsync("confirm-page");
        var booking = await Scenario.BookingAsync(app, held.Booking!.Id);
        Assert.Equal(BookingStatus.Held, booking.Status);
        Assert.Null(booking.ConfirmedAt);
        Assert.All(await Scenario.SlotsOfAsync(app, time.SlotIds), s => Assert.Equal(1, s.Taken));
        Assert.Single(await app.DeliverMailAsync());
    }

    private static async Task<Booking> BookingOfAsync(TestApp app, string email)
    {
        await using var db = app.NewDb();
        return await db.Bookings.AsNoTracking().Include(b => b.Slots).SingleAsync(b => b.Email == email);
    }
}
