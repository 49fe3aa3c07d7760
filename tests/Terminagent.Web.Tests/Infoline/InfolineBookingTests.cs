using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Infoline;

/// <summary>An infoline agent books, finds, moves and cancels for callers, with and without email.</summary>
public sealed partial class InfolineBookingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallerWithoutEmail_IsBookedAtOnce_AndHearsTheCode(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var time = await agent.FreeTimeAsync();

        var times = await agent.Client.GetStringAsync($"/infoline?service={InfolineKit.Service}&office={InfolineKit.Office}");
        Assert.Contains(InfolineKit.BookPath(time).Replace("&", "&amp;", StringComparison.Ordinal), times, StringComparison.Ordinal);

        var (response, html) = await agent.BookAsync(time, "Karl Anrufer", phone: "0211 123456");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.NewDb();
        var booking = await db.Bookings.AsNoTracking().SingleAsync();
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
        Assert.Null(booking.Email);
        Assert.Equal("0211 123456", booking.Phone);
        Assert.Equal(app.Now, booking.ConfirmedAt);
        Assert.Contains($"<p class=\"code-big\" id=\"booking-code\">{booking.Code}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{Web.Features.Infoline.InfolineTexts.Spell(booking.Code, "de")[0]}</li>", html, StringComparison.Ordinal);
        Assert.Contains("Konrad-Adenauer-Platz 1", html, StringComparison.Ordinal);
        Assert.Contains("Keine E-Mail", html, StringComparison.Ordinal);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallerWithEmail_GetsExactlyOneConfirmation_WithTheCode(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var time = await agent.FreeTimeAsync();

        var booking = await agent.BookedAsync(time, "Erika Anruferin", email: "erika@example.org");

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
        await using (var db = app.NewDb())
        {
            var row = Assert.Single(await db.OutboxMessages.AsNoTracking().ToListAsync());
            Assert.Equal("erika@example.org", row.ToAddress);
            Assert.Equal(booking.Code, row.CheckInCode);
        }

        var mail = Assert.Single(await app.DeliverMailAsync());
        Assert.StartsWith("Termin bestätigt", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(booking.Code, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/appointment/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(mail.Attachments, a => a.ContentType.MimeType == "text/calendar");
    }

    [Fact]
    public async Task TheSameFormSentTwice_BooksOnce()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);
        var time = await agent.FreeTimeAsync();

        await agent.BookAsync(time, "Karl Anrufer");
        var (response, html) = await agent.BookAsync(time, "Karl  Anrufer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nichts doppelt gebucht", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Bookings.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATimeTakenMeanwhile_IsRefused_WithTheNearestFreeTimes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var time = await agent.FreeTimeAsync(daysAhead: 2);
        var form = await agent.Client.GetStringAsync(InfolineKit.BookPath(time));
        Assert.Contains("Verbindlich buchen", form, StringComparison.Ordinal);

        // Everyone else books the time while the agent is still on the phone.
        await using (var db = app.NewDb())
        {
            await db.Slots.Where(s => s.OfficeId == time.OfficeId && s.Start == time.Start).ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Capacity));
        }

        var (response, html) = await agent.BookAsync(time, "Karl Anrufer");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Diesen Termin hat gerade jemand anderes gebucht", html, StringComparison.Ordinal);
        Assert.Contains("Die nächstgelegenen freien Termine", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/infoline/book?service=personalausweis&amp;at=hauptbahnhof&amp;start=", html, StringComparison.Ordinal);
        await using var after = app.NewDb();
        Assert.Equal(0, await after.Bookings.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InfolineAgentsAndOnlineCitizens_RacingForTheLastPlace_GiveExactlyOneBooking(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Now;
        Domain.Slots.Slot slot;
        await using (var db = app.NewDb())
        {
            var slots = await db.Slots.AsNoTracking().Where(s => s.OfficeId == "unterbach" && s.Start > now && s.ReleasedAt <= now).OrderBy(s => s.Start).ToListAsync();
            slot = slots.First(s => s.Capacity == 1 && Bookability.BookableCapacity(s, Taker.Citizen, now) == 1 && s.Taken == 0);
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            await go.Task;
            return await app.BookingsAsync(b => i % 2 == 0
                ? b.BookForCallerAsync("meldebescheinigung", "unterbach", slot.Start, $"Caller {i}", null, null, "de", null, default)
                : b.HoldAsync("meldebescheinigung", "unterbach", slot.Start, $"Person {i}", $"person{i}@example.org", null, "de", null, default));
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(Terminagent.Engine.Bookings.BookingFailure.Taken, r.Failure);
            Assert.DoesNotContain(r.Alternatives!, t => t.Start == slot.Start);
        });
        await using var after = app.NewDb();
        Assert.Equal(1, (await after.Slots.SingleAsync(s => s.Id == slot.Id)).Taken);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task BookingWithoutName_IsRefusedWithTheField()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);

        var (response, html) = await agent.BookAsync(await agent.FreeTimeAsync(), " ", email: "not-an-email");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bitte geben Sie Ihren Namen an.", html, StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse an", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task LookUp_WithAWrongNameOrCode_IsRefusedNeutrally_AndFindsWithAnyCaseAndSpacing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);
        var booking = await agent.BookedAsync(await agent.FreeTimeAsync(), "Karl Anrufer");
        var otherCode = booking.Code[0] == '2' ? "3" + booking.Code[1..] : "2" + booking.Code[1..];

        var (wrongName, wrongNameHtml) = await agent.LookUpAsync(booking.Code, "Karla Anrufer");
        var (wrongCode, wrongCodeHtml) = await agent.LookUpAsync(otherCode, "Karl Anrufer");
        var (found, foundHtml) = await agent.LookUpAsync(booking.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), "  karl   ANRUFER ");

        Assert.Equal(HttpStatusCode.NotFound, wrongName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);
        Assert.Equal(Alert(wrongNameHtml), Alert(wrongCodeHtml));
        Assert.Contains("Kein Termin zu Code und Name gefunden", Alert(wrongNameHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("code-big", wrongNameHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Konrad-Adenauer-Platz", wrongNameHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains(booking.Code, foundHtml, StringComparison.Ordinal);
        Assert.Contains("Termin absagen", foundHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RescheduleThenCancel_ThroughThePages_KeepsCapacityConsistent(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var booking = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 2), "Karl Anrufer");
        var later = await agent.FreeTimeAsync(daysAhead: 5);

        var (moved, movedHtml) = await agent.LookUpAsync(booking.Code, "Karl Anrufer", "move",
            ("at", later.OfficeId), ("start", NodaTime.Text.InstantPattern.General.Format(later.Start)));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("Der Termin ist verlegt", movedHtml, StringComparison.Ordinal);
        var afterMove = await Scenario.BookingAsync(app, booking.Id);
        Assert.Equal(later.Start, afterMove.Start);
        Assert.Equal(BookingStatus.Confirmed, afterMove.Status);
        Assert.Equal(booking.Code, afterMove.Code);
        Assert.DoesNotContain(afterMove.Slots, s => booking.Slots.Any(old => old.SlotId == s.SlotId));
        await Scenario.AssertCapacityConsistentAsync(app);

        var (cancelled, cancelledHtml) = await agent.CancelAsync(booking.Code, "Karl Anrufer");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("Der Termin ist abgesagt", cancelledHtml, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Cancelled, (await Scenario.BookingAsync(app, booking.Id)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
        Assert.Equal(0, await agent.OutboxCountAsync());

        var (again, againHtml) = await agent.CancelAsync(booking.Code, "Karl Anrufer");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Dieser Termin ist bereits abgesagt", againHtml, StringComparison.Ordinal);
        var (shown, shownHtml) = await agent.LookUpAsync(booking.Code, "Karl Anrufer");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Dieser Termin ist bereits abgesagt", shownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Termin absagen", shownHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancelling_AsksFirst_OnlyTheConfirmingStepCancels_AndTheWayBackKeepsIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var booking = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 2), "Karl Anrufer");
        var (_, foundHtml) = await agent.LookUpAsync(booking.Code, "Karl Anrufer");

        // The button on the booking posts only code and name: that click asks, it does not cancel.
        var first = Assert.Single(CancelForms().Matches(foundHtml)).Value;
        Assert.DoesNotContain("name=\"confirmed\"", first, StringComparison.Ordinal);
        var (asked, askedHtml) = await agent.LookUpAsync(booking.Code, "Karl Anrufer", "cancel");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);
        Assert.Contains("<h1>Termin absagen?</h1>", askedHtml, StringComparison.Ordinal);
        Assert.Contains(booking.Code, askedHtml, StringComparison.Ordinal);
        Assert.Contains("Ja, Termin absagen", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Nein, Termin behalten", askedHtml, StringComparison.Ordinal);
        var confirming = Assert.Single(CancelForms().Matches(askedHtml)).Value;
        Assert.Contains("name=\"confirmed\" value=\"true\"", confirming, StringComparison.Ordinal);
        Assert.Equal(0, await agent.OutboxCountAsync());

        // "No, keep it" goes back to the booking, still confirmed.
        var (back, backHtml) = await agent.LookUpAsync(booking.Code, "Karl Anrufer");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("Termin absagen", backHtml, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);

        var (cancelled, cancelledHtml) = await agent.CancelAsync(booking.Code, "Karl Anrufer");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("Der Termin ist abgesagt", cancelledHtml, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Cancelled, (await Scenario.BookingAsync(app, booking.Id)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [GeneratedRegex("<form method=\"post\" action=\"/infoline/booking\\?handler=cancel\">.*?</form>", RegexOptions.Singleline)]
    private static partial Regex CancelForms();

    [Fact]
    public async Task CancelForACallerWithEmail_TellsThemByEmail()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);
        var booking = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 1), "Erika Anruferin", email: "erika@example.org");
        await app.DeliverMailAsync();

        var (response, _) = await agent.CancelAsync(booking.Code, "Erika Anruferin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mails = await app.DeliverMailAsync();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.Subject?.StartsWith("Termin abgesagt", StringComparison.Ordinal) == true);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task PastAndNoShowBookings_AreRefusedWithAReason()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var agent = await InfolineKit.SignInAsync(app);
        var first = await agent.BookedAsync(await agent.FreeTimeAsync(), "Karl Anrufer");
        var second = await agent.BookedAsync(await agent.FreeTimeAsync(), "Klara Anruferin");
        app.Advance(first.End - app.Now + Duration.FromMinutes(30));
        await using (var db = app.NewDb())
        {
            var noShow = await db.Bookings.SingleAsync(b => b.Id == second.Id);
            Assert.Equal(BookingOutcome.Done, noShow.MarkNoShow(noShow.Start, app.Now));
            await db.SaveChangesAsync();
        }

        // Hours later: the morning's session has ended (idle for over an hour), so a fresh one.
        agent = await InfolineKit.SignInAsync(app);
        var (past, pastHtml) = await agent.CancelAsync(first.Code, "Karl Anrufer");
        var (noShown, noShowHtml) = await agent.CancelAsync(second.Code, "Klara Anruferin");

        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Contains("hat bereits begonnen oder ist vorbei", pastHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, noShown.StatusCode);
        Assert.Contains("Zu diesem Termin ist niemand erschienen", noShowHtml, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, first.Id)).Status);
        Assert.Equal(BookingStatus.NoShow, (await Scenario.BookingAsync(app, second.Id)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>The page's one message, all a caller's wrong guess may learn.</summary>
    private static string Alert(string html)
    {
        var start = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}
