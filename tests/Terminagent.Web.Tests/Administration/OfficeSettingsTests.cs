using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Administration;

/// <summary>
/// Office managers change opening hours, counters and closed days in the browser. A change that
/// leaves booked appointments without room lists them first; only when confirmed is it saved, the
/// citizens informed by email with a link to rebook, and everything written to the audit log. The
/// bookings themselves stay as they are.
/// </summary>
public sealed class OfficeSettingsTests
{
    private const string Office = Scenario.Office;

    // Tuesday 1 December 2026, the day after the tests' start; Hauptbahnhof is open 14:00-18:00 with 5 counters.
    private static readonly LocalDate Tuesday = new(2026, 12, 1);

    private static Instant Berlin(LocalDate day, int hour, int minute = 0) => AgentKit.AtBerlin(day.Year, day.Month, day.Day, hour, minute);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ShorterHours_ListTheAffectedBookings_ThenOnConfirmSaveAuditAndInform(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var kit = new AgentKit(app);
        var late = await kit.BookAsync(Berlin(Tuesday, 17, 30), "late@example.org", Scenario.Service, Office);
        var early = await kit.BookAsync(Berlin(Tuesday, 14, 0), "early@example.org", Scenario.Service, Office);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var versionBefore = await VersionAsync(app);
        var mailsBefore = (await app.DeliverMailAsync()).Count;

        // Tuesday afternoon now ends at 16:00: the 17:30 appointment has no room any more.
        static void Shorten(Dictionary<string, string> f) => f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Tuesday, 1)}].To"] = "16:00";
        using (var asked = await AdminPages.SaveOfficeAsync(manager, Office, Shorten))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            var html = AdminPages.Decoded(await asked.Content.ReadAsStringAsync());
            Assert.Contains("Diese Änderung betrifft 1 gebuchte Termine", html, StringComparison.Ordinal);
            Assert.Contains((await Scenario.BookingAsync(app, late)).Code, html, StringComparison.Ordinal);
            Assert.DoesNotContain((await Scenario.BookingAsync(app, early)).Code, html, StringComparison.Ordinal);
            Assert.Contains("Speichern und 1 per E-Mail informieren", html, StringComparison.Ordinal);
        }

        // Nothing saved, nobody told yet.
        Assert.Equal(versionBefore, await VersionAsync(app));
        Assert.Equal(mailsBefore, (await app.DeliverMailAsync()).Count);

        using (var saved = await AdminPages.SaveOfficeAsync(manager, Office, Shorten, confirmed: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/staff/administration/offices/{Office}?done=saved&informed=1", saved.Headers.Location!.OriginalString);
        }

        Assert.Equal(versionBefore + 1, await VersionAsync(app));
        var catalog = app.Services.GetRequiredService<CityCatalog>();
        Assert.Equal("16:00", catalog.Settings.Options.Offices.Single(o => o.Id == Office).OpeningHours["Tuesday"][1].To);

        // The booking is kept, marked as told; the email carries a working link to rebook.
        var kept = await Scenario.BookingAsync(app, late);
        Assert.Equal(BookingStatus.Confirmed, kept.Status);
        Assert.Equal(app.Now, kept.ScheduleChangeNoticeAt);
        Assert.Null((await Scenario.BookingAsync(app, early)).ScheduleChangeNoticeAt);
        var mails = await app.DeliverMailAsync();
        Assert.Equal(mailsBefore + 1, mails.Count);
        var notice = Assert.Single(mails, m => m.Subject!.StartsWith("Bitte neu buchen", StringComparison.Ordinal));
        Assert.Equal("late@example.org", notice.To.Mailboxes.Single().Address);
        Assert.Contains("nicht mehr geöffnet", notice.TextBody, StringComparison.Ordinal);
        var link = Scenario.LinkIn(notice, "http://localhost/appointment/");
        using var citizen = app.CreateClient();
        var manage = await citizen.GetStringAsync(new Uri(link).PathAndQuery);
        Assert.Contains(kept.Code, manage, StringComparison.Ordinal);

        // Who, when, what: the audit log names the manager and the setting with old and new value.
        await using (var db = app.NewDb())
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            var change = Assert.Single(entries, e => e.Action == "office.settings");
            Assert.Equal((Office, app.Now), (change.OfficeId, change.At));
            Assert.Contains($"Offices[{Office}].OpeningHours.Tuesday[1].To: 18:00 → 16:00", change.Details, StringComparison.Ordinal);
            var told = Assert.Single(entries, e => e.Action == "schedule.notice");
            Assert.Contains(kept.Code, told.Details, StringComparison.Ordinal);

            // The slots follow at once: nobody can book after 16:00 on that Tuesday.
            var afterFour = Berlin(Tuesday, 16, 0);
            var open = await db.Slots.AsNoTracking().Where(s => s.OfficeId == Office && s.Start >= afterFour && s.Date == Tuesday && !s.IsWithdrawn).CountAsync();
            Assert.Equal(0, open);
        }

        var audit = AdminPages.Decoded(await manager.GetStringAsync("/staff/administration/audit"));
        Assert.Contains("18:00 → 16:00", audit, StringComparison.Ordinal);
        var affected = AdminPages.Decoded(await manager.GetStringAsync("/staff/administration/affected"));
        Assert.Contains(kept.Code, affected, StringComparison.Ordinal);

        // A second planning round tells nobody twice.
        await app.InScopeAsync(sp => sp.GetRequiredService<Terminagent.Engine.Schedule.ScheduleChangeNotices>().InformAsync(catalog.Current, default));
        Assert.Equal(mailsBefore + 1, (await app.DeliverMailAsync()).Count);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FewerCounters_OnlyTheLastBookedGiveWay(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var kit = new AgentKit(app);
        var at = Berlin(Tuesday, 15, 0);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await kit.BookAsync(at, $"c{i}@example.org", Scenario.Service, Office));
            app.Advance(Duration.FromMinutes(1));
        }

        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        using var saved = await AdminPages.SaveOfficeAsync(
            manager, Office, f => f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Tuesday, 1)}].Counters"] = "2", confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Null((await Scenario.BookingAsync(app, ids[0])).ScheduleChangeNoticeAt);
        Assert.Null((await Scenario.BookingAsync(app, ids[1])).ScheduleChangeNoticeAt);
        Assert.NotNull((await Scenario.BookingAsync(app, ids[2])).ScheduleChangeNoticeAt);
        var notice = Assert.Single(await app.DeliverMailAsync(), m => m.Subject!.StartsWith("Bitte neu buchen", StringComparison.Ordinal));
        Assert.Equal("c2@example.org", notice.To.Mailboxes.Single().Address);
        Assert.Contains("weniger Schalter", notice.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HolidaysOfAYear_ClosedWithConfirmation_WhenBooked(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var kit = new AgentKit(app);

        // Make 8 December a closed day through the add form, with a booking on it.
        var day = new LocalDate(2026, 12, 8);
        var booked = await kit.BookAsync(Berlin(day, 9, 0), "holiday@example.org", Scenario.Service, Office);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var page = $"/staff/administration/offices/{Office}/closed-days";
        var html = await manager.GetStringAsync(page);
        var basedOn = AdminPages.FieldsIn(html, n => n == "BasedOn").First().Value;
        using (var asked = await manager.PostAsync($"{page}?handler=add", Forms.Form(Forms.TokenIn(html)!, ("BasedOn", basedOn), ("day", "2026-12-08"))))
        {
            Assert.Contains("Diese Änderung betrifft 1 gebuchte Termine", AdminPages.Decoded(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var saved = await manager.PostAsync($"{page}?handler=add", Forms.Form(Forms.TokenIn(html)!, ("BasedOn", basedOn), ("day", "2026-12-08"), ("confirmed", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.NotNull((await Scenario.BookingAsync(app, booked)).ScheduleChangeNoticeAt);
        Assert.Contains("2026-12-08", app.Services.GetRequiredService<CityCatalog>().Settings.Options.Offices.Single(o => o.Id == Office).ClosedDays);

        // The holidays of 2028 are offered as computed, all chosen; taking them needs no confirmation.
        html = await manager.GetStringAsync($"{page}?year=2028");
        var holidays = AdminPages.FieldsIn(html, n => n == "holiday").Select(f => f.Value).ToList();
        Assert.Contains("2028-04-14", holidays); // Good Friday 2028
        Assert.Contains("2028-06-15", holidays); // Corpus Christi 2028
        Assert.Equal(11, holidays.Count);
        basedOn = AdminPages.FieldsIn(html, n => n == "BasedOn").First().Value;
        using (var taken = await manager.PostAsync($"{page}?handler=holidays", Forms.Form(Forms.TokenIn(html)!, [("BasedOn", basedOn), ("year", "2028"), .. holidays.Select(h => ("holiday", h))])))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        }

        var closed = app.Services.GetRequiredService<CityCatalog>().Settings.Options.Offices.Single(o => o.Id == Office).ClosedDays;
        Assert.All(holidays, h => Assert.Contains(h, closed));
        Assert.Equal(closed.Count, closed.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LongerHoursAndAnotherDeadlineRule_SavedAtOnce_AndTheNewSlotsAreBookable_OnEveryInstance(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var second = TestApp.StartSecondInstance(app);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        using var saved = await AdminPages.SaveOfficeAsync(manager, Office, f =>
        {
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Saturday, 0)}].From"] = "09:00";
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Saturday, 0)}].To"] = "12:00";
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Saturday, 0)}].Counters"] = "2";
            f["Form.DeadlineRule"] = "FixedAndKeepsWaiting";
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var office = app.Services.GetRequiredService<CityCatalog>().Current.FindOffice(Office)!;
        Assert.Equal(Domain.Agent.DeadlineRule.FixedAndKeepsWaiting, office.Agent.Rule);
        Assert.Matches("<input[^>]*id=\"rule-fixed-keeps\"[^>]*checked", await manager.GetStringAsync($"/staff/administration/offices/{Office}"));

        var saturday = new LocalDate(2026, 12, 5);
        var times = await Scenario.FreeTimesAsync(app);
        Assert.Contains(times, t => t.Start == Berlin(saturday, 9, 0));

        // The other instance serves the old hours until its next refresh, then the new ones.
        var otherCatalog = second.Services.GetRequiredService<CityCatalog>();
        Assert.Equal(1, otherCatalog.Settings.Version);
        Assert.True(await otherCatalog.RefreshAsync(default));
        Assert.Equal("12:00", otherCatalog.Settings.Options.Offices.Single(o => o.Id == Office).OpeningHours["Saturday"][0].To);
        Assert.False(await otherCatalog.RefreshAsync(default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFormPostedToAnInstanceThatHasNotRefreshedYet_IsSavedOnTopOfTheNewestVersion(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var second = TestApp.StartSecondInstance(app);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        using (var first = await AdminPages.SaveOfficeAsync(manager, Office, f => f["Form.Name"] = "Bürgerbüro Hbf"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The second instance has not refreshed yet. A form the first instance showed (version 2),
        // posted through the load balancer to the second, is saved on top of version 2.
        Assert.Equal(1, second.Services.GetRequiredService<CityCatalog>().Settings.Version);
        var html = await manager.GetStringAsync("/staff/administration/offices/altstadt");
        var fields = AdminPages.FieldsIn(html, n => n.StartsWith("Form.", StringComparison.Ordinal) || n == "BasedOn").ToDictionary(f => f.Name, f => f.Value);
        fields["Form.Name"] = "Bürgerbüro Altstadt am Markt";
        var (other, _) = await StaffSessions.SignedInAsync(second, StaffRole.Administrator);
        var otherToken = Forms.TokenIn(await other.GetStringAsync("/staff/password"))!;
        using (var viaSecond = await other.PostAsync("/staff/administration/offices/altstadt", Forms.Form(otherToken, [.. fields.Select(f => (f.Key, f.Value))])))
        {
            Assert.Equal(HttpStatusCode.Redirect, viaSecond.StatusCode);
        }

        var city = second.Services.GetRequiredService<CityCatalog>().Current;
        Assert.Equal(("Bürgerbüro Hbf", "Bürgerbüro Altstadt am Markt"), (city.FindOffice(Office)!.Name, city.FindOffice("altstadt")!.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoManagersSavingFromTheSameVersion_TheSecondIsAskedToLookAgain(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (first, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (second, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var page = $"/staff/administration/offices/{Office}";
        var firstHtml = await first.GetStringAsync(page);
        var secondHtml = await second.GetStringAsync(page);

        async Task<HttpResponseMessage> PostAsync(HttpClient client, string html, string name)
        {
            var fields = AdminPages.FieldsIn(html, n => n.StartsWith("Form.", StringComparison.Ordinal) || n == "BasedOn").ToDictionary(f => f.Name, f => f.Value);
            fields["Form.Name"] = name;
            return await client.PostAsync(page, Forms.Form(Forms.TokenIn(html)!, [.. fields.Select(f => (f.Key, f.Value))]));
        }

        using var won = await PostAsync(first, firstHtml, "Bürgerbüro Hbf");
        using var lost = await PostAsync(second, secondHtml, "Bürgerbüro Zentrum");
        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Contains("Eine andere Person hat die Einstellungen inzwischen geändert", AdminPages.Decoded(await lost.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Bürgerbüro Hbf", app.Services.GetRequiredService<CityCatalog>().Current.FindOffice(Office)!.Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInput_PlainMessages_NothingSaved(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var version = await VersionAsync(app);
        using var refused = await AdminPages.SaveOfficeAsync(manager, Office, f =>
        {
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Monday, 0)}].To"] = "07:00";
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Tuesday, 1)}].From"] = "25:00";
            f[$"Form.Periods[{AdminPages.Row(IsoDayOfWeek.Wednesday, 0)}].Counters"] = "0";
            f["Form.AgentSharePercent"] = "150";
            f["Form.Name"] = "";
        }, confirmed: true);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = AdminPages.Decoded(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Montag: „bis“ muss nach „von“ liegen.", html, StringComparison.Ordinal);
        Assert.Contains("Dienstag: „von“ ist keine Uhrzeit wie 08:00.", html, StringComparison.Ordinal);
        Assert.Contains("Mittwoch: Schalter müssen eine Zahl von 1 bis 100 sein.", html, StringComparison.Ordinal);
        Assert.Contains("Der Anteil für den Terminagenten muss zwischen 0 und 100 % liegen.", html, StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie den Namen des Standorts an.", html, StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ServiceTakenFromAnOffice_AffectsItsBookingsThere(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var kit = new AgentKit(app);
        var booked = await kit.BookAsync(Berlin(Tuesday, 9, 0), "service@example.org", Scenario.Service, Office);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var page = $"/staff/administration/services/{Scenario.Service}";
        var html = await admin.GetStringAsync(page);
        var fields = AdminPages.FieldsIn(html, n => n is "BasedOn" or "NameDe" or "NameEn" or "DurationMinutes" or "Offices")
            .Where(f => !(f.Name == "Offices" && f.Value == Office)).ToList();
        using (var asked = await admin.PostAsync(page, Forms.Form(Forms.TokenIn(html)!, [.. fields])))
        {
            Assert.Contains("Anliegen hier nicht mehr angeboten", AdminPages.Decoded(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var saved = await admin.PostAsync(page, Forms.Form(Forms.TokenIn(html)!, [.. fields, ("confirmed", "true")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.DoesNotContain(Office, app.Services.GetRequiredService<CityCatalog>().Current.FindService(Scenario.Service)!.OfficeIds);
        Assert.NotNull((await Scenario.BookingAsync(app, booked)).ScheduleChangeNoticeAt);

        // An office manager may not change services at all.
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        using var denied = await manager.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/staff/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministratorAddsAnOfficeAndAService_BookableAtOnce(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var html = await admin.GetStringAsync("/staff/administration/offices/new");
        var basedOn = AdminPages.FieldsIn(html, n => n == "BasedOn").First().Value;
        using (var refused = await admin.PostAsync("/staff/administration/offices/new", Forms.Form(Forms.TokenIn(html)!,
            ("BasedOn", basedOn), ("Id", "Nord Büro"), ("Name", "Bürgerbüro Nord"), ("Address", ""), ("TimeZone", "Europe/Berln"))))
        {
            var text = AdminPages.Decoded(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Die Kennung besteht aus 1 bis 64 Kleinbuchstaben", text, StringComparison.Ordinal);
            Assert.Contains("Bitte geben Sie die Anschrift an.", text, StringComparison.Ordinal);
            Assert.Contains("Das ist keine Zeitzone der IANA-Datenbank", text, StringComparison.Ordinal);
        }

        using (var created = await admin.PostAsync("/staff/administration/offices/new", Forms.Form(Forms.TokenIn(html)!,
            ("BasedOn", basedOn), ("Id", "nord"), ("Name", "Bürgerbüro Nord"), ("Address", "Nordstraße 1, 40477 Demostadt"),
            ("TimeZone", "Europe/Berlin"), ("HasKiosk", "true"), ("CopyFrom", Office))))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Equal("/staff/administration/offices/nord?done=saved", created.Headers.Location!.OriginalString);
        }

        html = await admin.GetStringAsync("/staff/administration/services/new");
        basedOn = AdminPages.FieldsIn(html, n => n == "BasedOn").First().Value;
        using (var service = await admin.PostAsync("/staff/administration/services/new", Forms.Form(Forms.TokenIn(html)!,
            ("BasedOn", basedOn), ("Id", "hundesteuer"), ("NameDe", "Hund anmelden"), ("NameEn", "Register a dog"),
            ("DurationMinutes", "15"), ("Offices", "nord"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, service.StatusCode);
        }

        var city = app.Services.GetRequiredService<CityCatalog>().Current;
        Assert.Equal(city.FindOffice(Office)!.OpeningHours.Keys.Order(), city.FindOffice("nord")!.OpeningHours.Keys.Order());
        Assert.Equal(["nord"], city.FindService("hundesteuer")!.OfficeIds);
        Assert.NotEmpty(await Scenario.FreeTimesAsync(app, "hundesteuer", "nord"));
        await using var db = app.NewDb();
        Assert.Equal(["office.new", "service.new"], await db.AuditEntries.Where(e => e.StaffId != null && !e.Action.StartsWith("staff.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    private static async Task<int> VersionAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.CityVersions.MaxAsync(v => v.Version);
    }
}
