using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The agent in headless Chromium with JavaScript off: a citizen leaves a wish, confirms it from the
/// dev mailbox, gets an offer when someone else cancels, and accepts it; an unanswered offer lapses
/// under the fake clock and goes to the next wish in line.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class WishPagesTests(ChromiumFixture chromium)
{
    private const string Anna = "anna@example.org";
    private const string Clara = "clara@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LeaveWishConfirmAndAcceptAnOffer_ThroughThePages(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var mail = new Mailbox(app, app.Url("/").TrimEnd('/'));
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        await using var citizen = await chromium.NewSessionAsync($"wish-offer-accept-{provider}", javaScript: false);
        var page = citizen.Page;

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Nichts Passendes? Terminwunsch hinterlassen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/wish\\?service=personalausweis&office=hauptbahnhof$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Terminwunsch hinterlassen");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" })).ToBeCheckedAsync();
        foreach (var day in new[] { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = day, Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Von (Zeitraum 1)").SelectOptionAsync("08:00");
        await page.GetByLabel("Bis (Zeitraum 1)").SelectOptionAsync("18:00");
        await page.GetByLabel("Vor- und Nachname").FillAsync("Anna Beispiel");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(Anna);
        await citizen.ShotAsync("wish-form");

        // Without JavaScript the page asks for a short wait against automated bookings.
        app.Advance(Duration.FromSeconds(15));
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminwunsch hinterlassen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wir haben Ihnen eine E-Mail geschickt");
        await citizen.ShotAsync("wish-registered");
        await using (var db = app.NewDb())
        {
            Assert.Equal(WishStatus.Unconfirmed, (await db.Wishes.AsNoTracking().SingleAsync()).Status);
        }

        var request = await mail.SingleNewAsync(Anna);
        await OpenFromMailboxAsync(page, app, request.Subject, "/wish/confirm/");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Montag, Dienstag, Mittwoch, Donnerstag, Freitag");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("08:00–18:00 Uhr");
        await citizen.ShotAsync("wish-confirm-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminwunsch bestätigen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/wish/[^/?]+\\?confirmed=true$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Terminwunsch ist bestätigt");
        await Expect(page.Locator("main")).ToContainTextAsync("Vor Ihnen wartet niemand");
        await citizen.ShotAsync("wish-manage");
        var managePage = new Uri(page.Url).GetLeftPart(UriPartial.Path);
        Assert.Equal(managePage, mail.LinkIn(await mail.SingleNewAsync(Anna), "/wish/"));

        var cancelled = await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        Assert.True(cancelled.Succeeded, cancelled.Failure?.ToString());
        var offerMail = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Terminangebot", offerMail.Subject, StringComparison.Ordinal);

        await page.GotoAsync(managePage);
        await Expect(page.Locator("main")).ToContainTextAsync("Terminangebot offen");
        await citizen.ShotAsync("wish-manage-offered");

        await OpenFromMailboxAsync(page, app, offerMail.Subject, "/offer/");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Bürgerbüro Hauptbahnhof");
        await citizen.ShotAsync("offer-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin annehmen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+\\?confirmed=true$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Termin ist verbindlich gebucht");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Anna Beispiel");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Bürgerbüro Hauptbahnhof");
        await citizen.ShotAsync("appointment-from-offer");

        await using (var db = app.NewDb())
        {
            var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Email == Anna);
            Assert.Equal(BookingStatus.Confirmed, booking.Status);
            Assert.InRange(booking.Start, other.Start - Duration.FromMinutes(15), other.Start + Duration.FromMinutes(15));
            Assert.Equal(WishStatus.Fulfilled, (await db.Wishes.AsNoTracking().SingleAsync()).Status);
        }

        await page.GotoAsync(managePage);
        await Expect(page.Locator("main")).ToContainTextAsync("Erfüllt");
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task AnUnansweredOfferLapses_AndTheNextWishInLineGetsIt()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var mail = new Mailbox(app, app.Url("/").TrimEnd('/'));
        using var client = new HttpClient(new ProofOfWorkSolver { InnerHandler = new HttpClientHandler() }) { BaseAddress = app.BaseAddress };
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        await WishScenario.LeaveAndConfirmAsync(client, mail, Anna);
        await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        var annasOffer = mail.LinkIn(await mail.SingleNewAsync(Anna), "/offer/");

        // Clara joins the queue after Anna has her offer: she is next in line.
        app.Advance(Duration.FromMinutes(5));
        await WishScenario.LeaveAndConfirmAsync(client, mail, Clara);
        Assert.Empty(await mail.NewAsync(Clara));

        await using var anna = await chromium.NewSessionAsync("offer-lapse-anna", javaScript: false);
        await anna.Page.GotoAsync(annasOffer);
        await Expect(anna.Page.GetByRole(AriaRole.Button, new() { Name = "Termin annehmen" })).ToBeVisibleAsync();
        await anna.ShotAsync("offer-open");

        var deadline = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/offers/{new Uri(annasOffer).Segments[^1]}"))
            .GetProperty("deadline").GetDateTimeOffset();
        app.Advance(Duration.FromTimeSpan(deadline - app.Now.ToDateTimeOffset()) + Duration.FromMinutes(1));
        var lapsed = await app.InScopeAsync(sp => sp.GetRequiredService<OfferService>().LapseDueOffersAsync(app.Now, CancellationToken.None));
        Assert.Equal(1, lapsed);

        var lapseMail = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Terminangebot verfallen", lapseMail.Subject, StringComparison.Ordinal);
        var clarasOffer = await mail.SingleNewAsync(Clara);
        Assert.StartsWith("Terminangebot", clarasOffer.Subject, StringComparison.Ordinal);

        var response = await anna.Page.GotoAsync(annasOffer);
        Assert.Equal(410, response!.Status);
        await Expect(anna.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Die Frist für dieses Terminangebot ist abgelaufen");
        await Expect(anna.Page.GetByRole(AriaRole.Button, new() { Name = "Termin annehmen" })).ToHaveCountAsync(0);
        await anna.ShotAsync("offer-lapsed");

        await using var clara = await chromium.NewSessionAsync("offer-lapse-clara", javaScript: false);
        await OpenFromMailboxAsync(clara.Page, app, clarasOffer.Subject, "/offer/", recipient: Clara);
        await clara.ShotAsync("offer-next-in-line");
        await clara.Page.GetByRole(AriaRole.Button, new() { Name = "Termin annehmen" }).ClickAsync();
        await Expect(clara.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Termin ist verbindlich gebucht");

        await using var db = app.NewDb();
        var offers = await db.Offers.AsNoTracking().Include(o => o.Slots).OrderBy(o => o.OfferedAt).ToListAsync();
        Assert.Equal([OfferStatus.Lapsed, OfferStatus.Accepted], offers.Select(o => o.Status));
        Assert.NotEmpty(offers[0].Slots.Select(s => s.SlotId).Intersect(offers[1].Slots.Select(s => s.SlotId)));
        var wishes = await db.Wishes.AsNoTracking().ToDictionaryAsync(w => w.Email!, w => w.Status);
        Assert.Equal(WishStatus.Lapsed, wishes[Anna]);
        Assert.Equal(WishStatus.Fulfilled, wishes[Clara]);
        Assert.Equal(BookingStatus.Confirmed, (await db.Bookings.AsNoTracking().SingleAsync(b => b.Email == Clara)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>Opens an email in the dev mailbox by its subject and follows its link to the path.</summary>
    internal static async Task OpenFromMailboxAsync(IPage page, TestApp app, string? subject, string path, string? recipient = null)
    {
        await page.GotoAsync(app.Url("/dev/mailbox"));
        var link = page.GetByRole(AriaRole.Link, new() { Name = subject ?? "", Exact = true });
        if (recipient is not null)
        {
            link = page.Locator("tr", new() { HasText = recipient }).GetByRole(AriaRole.Link, new() { Name = subject ?? "", Exact = true });
        }

        await link.First.ClickAsync();
        var target = page.Locator($"pre.mail a[href*='{path}']");
        await Expect(target).ToHaveAttributeAsync("href", new Regex("^" + Regex.Escape(app.Url(path))));
        await target.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path)));
    }
}
