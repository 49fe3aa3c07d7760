using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// An infoline agent in headless Chromium: signs in, finds a free time, books for a caller
/// without email and reads out the code, then finds the booking again. axe-core checks every page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class InfolinePagesTests(ChromiumFixture chromium)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgentBooksForACallerWithoutEmail_AndSeesTheCode(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var login = await StaffSessions.CreateAsync(app, StaffRole.InfolineAgent);
        await using var agent = await chromium.NewSessionAsync($"infoline-book-{provider}", javaScript: true);
        var page = agent.Page;
        var axe = new AxeAudit();

        async Task CheckAsync(string what)
        {
            await agent.ShotAsync(what);
            await axe.CheckAsync(page, what);
        }

        await page.GotoAsync(app.Url("/staff/signin"));
        await CheckAsync("signin");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(login.Email);
        await page.GetByLabel("Passwort").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await CheckAsync("staff-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Für Anrufende buchen, suchen, verschieben, absagen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Freie Termine finden");
        await CheckAsync("infoline-start");
        await page.GetByLabel("Anliegen").SelectOptionAsync(new SelectOptionValue { Label = "Personalausweis beantragen" });
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bürgerbüro Hauptbahnhof" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Freie Termine suchen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/infoline\\?service=personalausweis"));
        var firstTime = page.Locator("ul.times a").First;
        await Expect(firstTime).ToBeVisibleAsync();
        await CheckAsync("infoline-times");
        await firstTime.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin für Anrufende buchen");
        await Expect(page.GetByLabel("Vor- und Nachname")).ToBeFocusedAsync();
        await CheckAsync("infoline-book-form");
        await page.GetByLabel("Vor- und Nachname").FillAsync("Karl Anrufer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich buchen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin gebucht");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Keine E-Mail");
        await CheckAsync("infoline-booked");
        Booking booking;
        await using (var db = app.NewDb())
        {
            booking = await db.Bookings.AsNoTracking().SingleAsync();
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
        }

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
        Assert.Null(booking.Email);
        await Expect(page.Locator("#booking-code")).ToHaveTextAsync(booking.Code);
        await Expect(page.Locator("ol.spelled li")).ToHaveCountAsync(8);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Konrad-Adenauer-Platz 1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Termin suchen" }).ClickAsync();
        await CheckAsync("infoline-lookup");
        await page.GetByLabel("Buchungscode").FillAsync(booking.Code.ToLowerInvariant());
        await page.GetByLabel("Name der Person, für die gebucht ist").FillAsync("karl anrufer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin suchen" }).ClickAsync();
        await Expect(page.Locator("#booking-code")).ToHaveTextAsync(booking.Code);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Termin absagen" })).ToBeVisibleAsync();
        await CheckAsync("infoline-found");

        // Cancelling asks first; "no" leads back to the booking, untouched.
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin absagen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin absagen?");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, Termin absagen" })).ToBeVisibleAsync();
        await CheckAsync("infoline-cancel-step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nein, Termin behalten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termin suchen, verlegen, absagen");
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Terminwunsch aufnehmen" }).ClickAsync();
        await page.GetByLabel("Anliegen").SelectOptionAsync(new SelectOptionValue { Label = "Personalausweis beantragen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await Expect(page.GetByLabel("Telefon (nötig, wenn keine E-Mail)")).ToBeVisibleAsync();
        await CheckAsync("infoline-wish-form");

        await page.GetByRole(AriaRole.Link, new() { Name = "Angebote anrufen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Angebote zum Anrufen");
        await CheckAsync("infoline-offers");

        axe.AssertNoViolations();
        await Scenario.AssertCapacityConsistentAsync(app);
    }
}
