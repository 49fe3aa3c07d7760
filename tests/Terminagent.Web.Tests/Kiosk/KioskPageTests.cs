using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Kiosk;

/// <summary>The kiosk screens over HTTP, as the touch screen at the entrance uses them.</summary>
public sealed class KioskPageTests
{
    [Fact]
    public async Task KioskPage_WithoutDeviceCookie_IsRefusedWithAClearMessage()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var browser = KioskKit.Client(app, token: null);

        using var response = await browser.GetAsync("/kiosk/hauptbahnhof");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Dieses Gerät ist nicht als Kiosk für Bürgerbüro Hauptbahnhof eingerichtet. Bitte wenden Sie sich an die Standortleitung.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"service\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeviceKind.Kiosk, "altstadt")]
    [InlineData(DeviceKind.CallDisplay, "hauptbahnhof")]
    public async Task KioskPage_WithTheDeviceOfAnotherOfficeOrKind_IsRefused(DeviceKind kind, string tokenOffice)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var token = await KioskKit.IssueKioskAsync(app, tokenOffice, kind);
        using var browser = KioskKit.Client(app, token, kind);

        using var start = await browser.GetAsync("/kiosk/hauptbahnhof");
        using var checkIn = await browser.GetAsync("/kiosk/hauptbahnhof/checkin");

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, checkIn.StatusCode);
    }

    [Fact]
    public async Task UnknownOffice_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var browser = KioskKit.Client(app, token: null);

        using var response = await browser.GetAsync("/kiosk/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kiosk_ListsTheServices_AndAPressDrawsATicketWhoseNumberShows(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));

        var start = await browser.GetStringAsync("/kiosk/hauptbahnhof");
        Assert.Contains("Terminmarke ziehen", start, StringComparison.Ordinal);
        Assert.Contains("value=\"meldebescheinigung\"", start, StringComparison.Ordinal);
        Assert.Contains(">Meldebescheinigung</button>", start, StringComparison.Ordinal);
        Assert.DoesNotContain("site-header", start, StringComparison.Ordinal);

        using var drawn = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof", null, ("service", "meldebescheinigung"));
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var ticketPath = drawn.Headers.Location!.OriginalString;
        Assert.StartsWith("/kiosk/hauptbahnhof/ticket/", ticketPath, StringComparison.Ordinal);

        var ticket = await browser.GetStringAsync(ticketPath);
        Assert.Equal("001", KioskKit.NumberOn(ticket));
        Assert.Contains("Meldebescheinigung", ticket, StringComparison.Ordinal);
        // 10:00 now, the ticket took the 10:15 slot.
        Assert.Contains("ca. 15 Minuten, voraussichtlich gegen <bdi dir=\"ltr\">10:15</bdi> Uhr", ticket, StringComparison.Ordinal);
        Assert.Contains("Montag, 30. November 2026", ticket, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", ticket, StringComparison.Ordinal);
        Assert.Contains("href=\"/kiosk/hauptbahnhof\">Fertig</a>", ticket, StringComparison.Ordinal);

        // Reloading the ticket shows the same ticket; it draws nothing.
        Assert.Equal("001", KioskKit.NumberOn(await browser.GetStringAsync(ticketPath)));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Tickets.CountAsync());

        using var second = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof", null, ("service", "personalausweis"));
        Assert.Equal("002", KioskKit.NumberOn(await browser.GetStringAsync(second.Headers.Location!.OriginalString)));
    }

    [Fact]
    public async Task Kiosk_InEnglish_StaysEnglishUntilDone()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));

        var start = await browser.GetStringAsync("/kiosk/hauptbahnhof?lang=en");
        Assert.Contains("<html lang=\"en\">", start, StringComparison.Ordinal);
        Assert.Contains(">Residence certificate</button>", start, StringComparison.Ordinal);
        Assert.Contains("I have an appointment", start, StringComparison.Ordinal);

        using var drawn = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof?lang=en", null, ("service", "meldebescheinigung"));
        var ticketPath = drawn.Headers.Location!.OriginalString;
        Assert.EndsWith("?lang=en", ticketPath, StringComparison.Ordinal);
        var ticket = await browser.GetStringAsync(ticketPath);

        Assert.Equal("001", KioskKit.NumberOn(ticket));
        Assert.Contains("Your ticket", ticket, StringComparison.Ordinal);
        Assert.Contains("about 15 minutes, expected around <bdi dir=\"ltr\">10:15</bdi>", ticket, StringComparison.Ordinal);
        Assert.Contains("Monday, 30 November 2026", ticket, StringComparison.Ordinal);
        // "Done" brings the next walk-in back to German.
        Assert.Contains("href=\"/kiosk/hauptbahnhof\">Done</a>", ticket, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal("en", (await db.Tickets.SingleAsync()).Language);
    }

    [Fact]
    public async Task Kiosk_BeforeSeven_SaysWhenTicketsStart_AndSuggestsTheAgent()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, Instant.FromUtc(2026, 11, 30, 5, 30));
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));

        var start = await browser.GetStringAsync("/kiosk/hauptbahnhof");

        Assert.Contains("Terminmarken gibt es heute ab <bdi dir=\"ltr\">07:00</bdi> Uhr", start, StringComparison.Ordinal);
        Assert.Contains("http://localhost/wish", start, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"service\"", start, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kiosk_WhenTodayIsUsedUp_SaysSo_AndADrawIsRefused()
    {
        // 12:20 in Demostadt: only the 12:15 slot was left, and it has begun.
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, Instant.FromUtc(2026, 11, 30, 11, 0));
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));
        var token = Forms.TokenIn(await browser.GetStringAsync("/kiosk/hauptbahnhof"))!;
        app.Advance(Duration.FromMinutes(20));

        using var response = await browser.PostAsync("/kiosk/hauptbahnhof", Forms.Form(token, ("service", "meldebescheinigung")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Für heute sind alle Terminmarken vergeben.", html, StringComparison.Ordinal);
        Assert.Contains("http://localhost/wish?service=meldebescheinigung&amp;office=hauptbahnhof", html, StringComparison.Ordinal);
        Assert.Contains("http://localhost/times?service=meldebescheinigung&amp;office=hauptbahnhof", html, StringComparison.Ordinal);
        Assert.Contains("Für heute sind alle Terminmarken vergeben.", await browser.GetStringAsync("/kiosk/hauptbahnhof"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeWithoutKiosk_SaysSoToEveryone_AndPointsToTheAgentAndToOfficesWithAKiosk()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var browser = KioskKit.Client(app, token: null);

        using var response = await browser.GetAsync("/kiosk/unterbach");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Das Bürgerbüro Unterbach gibt keine Terminmarken aus", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/wish\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("Bürgerbüro Gerresheim", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>Bürgerbüro Unterbach</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"service\"", html, StringComparison.Ordinal);

        // The other kiosk screens lead there too.
        using var checkIn = await browser.GetAsync("/kiosk/unterbach/checkin");
        Assert.Equal(HttpStatusCode.Redirect, checkIn.StatusCode);
        Assert.Equal("/kiosk/unterbach", checkIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_AcceptsTodaysConfirmedBooking_AndRefusesACancelledOne(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var kept = await BookTodayAsync(app, "kept@example.org");
        var cancelled = await BookTodayAsync(app, "cancelled@example.org", cancel: true);
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));

        var form = await browser.GetStringAsync("/kiosk/hauptbahnhof/checkin");
        Assert.Contains("autofocus", form, StringComparison.Ordinal);

        using var accepted = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof/checkin", null, ("Code", kept.Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()));
        var acceptedHtml = await accepted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains($"Sie sind angemeldet, bitte warten Sie auf Ihren Aufruf: <bdi dir=\"ltr\">{kept.Code}</bdi>", acceptedHtml, StringComparison.Ordinal);

        using var refused = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof/checkin", null, ("Code", cancelled.Code));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Dieser Termin wurde abgesagt.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await Forms.PostAsync(browser, "/kiosk/hauptbahnhof/checkin", null, ("Code", "ZZZZ-ZZZZ"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Diesen Buchungscode kennen wir nicht.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = app.NewDb();
        var visit = await db.Visits.AsNoTracking().SingleAsync();
        Assert.Equal(kept.Id, visit.BookingId);
        Assert.Equal(VisitKind.Appointment, visit.Kind);
    }

    [Fact]
    public async Task CheckIn_AtTheWrongOffice_NamesTheRightOne()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var booking = await BookTodayAsync(app, "elsewhere@example.org");
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app, "altstadt"));

        using var response = await Forms.PostAsync(browser, "/kiosk/altstadt/checkin", null, ("Code", booking.Code));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Ihr Termin ist nicht hier, sondern im Bürgerbüro Hauptbahnhof, Konrad-Adenauer-Platz 1, 40210 Demostadt.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A booking at the Hauptbahnhof later today, held and confirmed through its email link (and cancelled if asked).</summary>
    private static async Task<Booking> BookTodayAsync(TestApp app, string email, bool cancel = false)
    {
        var times = await Scenario.FreeTimesAsync(app, KioskKit.ShortService, KioskKit.Office);
        var time = times.First(t => t.Date == new LocalDate(2026, 11, 30));
        var held = await app.BookingsAsync(b => b.HoldAsync(KioskKit.ShortService, KioskKit.Office, time.Start, "Erika Muster", email, null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var mails = await app.DeliverMailAsync();
        var confirmToken = Scenario.TokenIn(mails.Last(m => m.To.Mailboxes.Single().Address == email), "/confirm/");
        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(confirmToken, default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        if (cancel)
        {
            var manageToken = confirmed.ManageSecret!;
            var result = await app.BookingsAsync(b => b.CancelAsync(manageToken, default));
            Assert.Equal(BookingStatus.Cancelled, result.Booking!.Status);
        }

        return confirmed.Booking!;
    }
}
