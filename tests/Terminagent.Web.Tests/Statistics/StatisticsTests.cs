using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Statistics;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.Statistics.StatisticsScenario;

namespace Terminagent.Web.Tests.Statistics;

public sealed class StatisticsTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Task<StatisticsReport> ReportAsync(TestApp app, IReadOnlyList<string>? offices) =>
        app.InScopeAsync(sp => sp.GetRequiredService<StatisticsQuery>()
            .ReportAsync(new StatisticsPeriod(Day1, Day2, Berlin), offices, CancellationToken.None));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_OfOneOffice_CountsEveryFigureOfTheScenario(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await SeedAsync(app);

        var report = await ReportAsync(app, [Office]);

        var (day1, day2) = (report.Buckets[0], report.Buckets[1]);
        Assert.Equal(2, report.Buckets.Count);
        Assert.Equal((2, 1, 1, 1), (day1.BookedOnline, day1.BookedByInfoline, day1.NoShows, day1.Cancelled));
        Assert.Equal((1, 1, 0, 0), (day2.BookedOnline, day2.BookedByInfoline, day2.NoShows, day2.Cancelled));
        Assert.Equal((5, 3, 4, 2), (day1.Capacity, day1.Taken, day2.Capacity, day2.Taken));
        Assert.Equal((2, 0), (day1.WishesRegistered, day2.WishesRegistered));
        Assert.Equal((1, 1, 1, 0), (day1.OffersAccepted, day1.OffersDeclined, day1.OffersLapsed, day1.OffersOpen));
        Assert.Equal((0, 0, 0, 1), (day2.OffersAccepted, day2.OffersDeclined, day2.OffersLapsed, day2.OffersOpen));
        Assert.Equal((0, 4), (day1.TicketsDrawn, day2.TicketsDrawn));

        Assert.Equal(5, report.Booked);
        Assert.Equal(5.0 / 9, report.Utilisation);
        Assert.Equal(2, report.WishesActive);
        Assert.Equal(4, report.OffersMade);
        Assert.Equal(2.0 / 3, report.DeclinedOrLapsedShare);
        Assert.Equal((2, 60L, 90L), (report.WishToOffer.Count, report.WishToOffer.Median, report.WishToOffer.P90));
        Assert.Equal((2, 10L, 30L), (report.OfferToAnswer.Count, report.OfferToAnswer.Median, report.OfferToAnswer.P90));
        Assert.Equal((3, 12L, 20L), (report.WalkInWait.Count, report.WalkInWait.Median, report.WalkInWait.P90));

        var office = Assert.Single(report.Offices);
        Assert.Equal((5, 1, 1, 9, 5, 4, 1), (office.Booked, office.NoShows, office.Cancelled, office.Capacity, office.Taken, office.OffersMade, office.OffersAccepted));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_AfterTheClockWasSetBack_CountsCallsBeforeArrivalAsNoWait(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await SeedAsync(app);
        var city = app.Services.GetRequiredService<Domain.Cities.City>();
        var arrived = Instant.FromUtc(2026, 11, 30, 10, 0);
        await using (var db = app.NewDb())
        {
            db.Visits.AddRange(
                History.Walkin(city, Office, arrived, 11).Called("Schalter 1", arrived - Duration.FromMinutes(1), VisitStatus.Served),
                History.Walkin(city, Office, arrived, 12).Called("Schalter 1", arrived - Duration.FromMinutes(2), VisitStatus.Served));
            await db.SaveChangesAsync();
        }

        var report = await ReportAsync(app, [Office]);

        // The scenario's waits of 5, 12 and 20 minutes, and two of none.
        Assert.Equal((5, 5L, 20L), (report.WalkInWait.Count, report.WalkInWait.Median, report.WalkInWait.P90));
        Assert.Equal(2, report.WalkInWait.Histogram([0, 5])[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_OfTheCity_IncludesEveryOffice(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await SeedAsync(app);

        var report = await ReportAsync(app, null);

        Assert.Equal(6, report.Booked);
        Assert.Equal((16, 12), (report.Capacity, report.Taken));
        Assert.Equal((3, 3), (report.WishesRegistered, report.WishesActive));
        Assert.Equal(1, report.Offices.Single(o => o.OfficeId == Other).Booked);
    }

    [Fact]
    public async Task LongPeriods_GoPerWeek()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: Settings);
        await SeedAsync(app);

        var report = await app.InScopeAsync(sp => sp.GetRequiredService<StatisticsQuery>()
            .ReportAsync(new StatisticsPeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), Berlin), [Office], CancellationToken.None));

        Assert.True(report.Period.Weekly);
        Assert.Equal(53, report.Buckets.Count);
        var week = report.Buckets.Single(b => b.Start == new LocalDate(2026, 11, 23));
        Assert.Equal(3, week.Booked);
        Assert.Equal(2, report.Buckets.Single(b => b.Start == Day2).Booked);
    }

    [Theory]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=0001-01-02")]
    public async Task DatesAtTheEndsOfTheCalendar_PageShowsTheLastThirtyDaysWithAPlainMessage_CsvIsRefused(string query)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: Settings);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var page = await client.GetAsync("/staff/statistics?" + query);
        using var csv = await client.GetAsync("/staff/statistics/export/agent.csv?" + query);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (page.StatusCode, csv.StatusCode));
        Assert.Contains("Bitte wählen Sie Daten innerhalb von 100 Jahren vor oder nach heute.", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsChartsAndTheHeadlineRate_ToAnAdministrator()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: Settings);
        await SeedAsync(app);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        var html = await client.GetStringAsync("/staff/statistics?" + Query);

        Assert.Equal(8, CountOf(html, "role=\"img\""));
        Assert.Contains("67 %", html, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"bar s-online\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("/staff/statistics/export/agent.csv?" + Query.Replace("&", "&amp;", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffHome_LinksTheStatistics_ForManagersOnly()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: Settings);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, Office);

        Assert.Contains("href=\"/staff/statistics\"", await manager.GetStringAsync("/staff"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/staff/statistics\"", await clerk.GetStringAsync("/staff"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CsvExport_IsACleanAttachment_WithTheScenariosFigures(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await SeedAsync(app);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);

        using var response = await manager.GetAsync("/staff/statistics/export/agent.csv?" + Query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["Tag,Wünsche registriert,Angebote,Angenommen,Abgelehnt,Verfallen,Offen", "2026-11-29,2,3,1,1,1,0", "2026-11-30,0,1,0,0,0,1"],
            lines);

        var utilisation = await manager.GetStringAsync("/staff/statistics/export/utilisation.csv?" + Query + "&lang=en");
        Assert.Contains("2026-11-29,5,3,0.6\r\n", utilisation, StringComparison.Ordinal);
        Assert.Contains("2026-11-30,4,2,0.5\r\n", utilisation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvExport_RefusesOtherOfficesManagers_AndClerks()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: Settings);
        await SeedAsync(app);
        var (elsewhere, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Other);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, Office);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        using var other = await elsewhere.GetAsync("/staff/statistics/export/agent.csv?" + Query);
        using var byClerk = await clerk.GetAsync("/staff/statistics/export/agent.csv?" + Query);
        using var nobody = await anonymous.GetAsync("/staff/statistics/export/agent.csv?" + Query);
        using var page = await elsewhere.GetAsync("/staff/statistics?" + Query);

        Assert.True(IsDenied(app, other), $"{other.StatusCode} {other.Headers.Location}");
        Assert.True(IsDenied(app, byClerk), $"{byClerk.StatusCode} {byClerk.Headers.Location}");
        Assert.Equal("/staff/signin", new Uri(app.BaseAddress, nobody.Headers.Location!).AbsolutePath);
        Assert.True(IsDenied(app, page), $"{page.StatusCode} {page.Headers.Location}");

        // A manager's "all offices" is their own offices only.
        var own = await elsewhere.GetStringAsync("/staff/statistics/export/offices.csv?from=2026-11-29&to=2026-11-30");
        Assert.DoesNotContain("Hauptbahnhof", own, StringComparison.Ordinal);
        Assert.Contains("Bilk", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+49 211", "'+49 211")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("-5", "-5")]
    [InlineData("Bürgerbüro, Mitte", "\"Bürgerbüro, Mitte\"")]
    [InlineData("plain", "plain")]
    public void CsvCells_NeverStartAFormula(string text, string cell) =>
        Assert.Equal(cell, CsvExport.Cell(text));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Metrics_ReportTheScenariosGauges(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await SeedAsync(app);
        using var client = app.CreateClient();

        // The first scrape reads the database; warm the HTTP meters, then read again after the cache.
        await client.GetStringAsync("/metrics");
        await client.GetStringAsync("/health");
        app.Advance(Duration.FromSeconds(16));
        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("terminagent_offers{office=\"hauptbahnhof\",outcome=\"accepted\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_offers{office=\"hauptbahnhof\",outcome=\"lapsed\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_wishes{status=\"waiting\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_bookings{office=\"hauptbahnhof\",status=\"confirmed\",channel=\"online\",window=\"today\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_bookings{office=\"hauptbahnhof\",status=\"held\",channel=\"online\",window=\"today\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_slot_places{office=\"hauptbahnhof\",kind=\"capacity\",window=\"today\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_slot_places{office=\"hauptbahnhof\",kind=\"taken\",window=\"today\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_visits_today{office=\"hauptbahnhof\",kind=\"ticket\",status=\"served\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("terminagent_outbox_messages{state=\"pending\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration_count", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_MailDown_IsDegraded_AndLivenessStaysHealthy()
    {
        var port = SmtpSink.FreePort();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: SmtpSettings(port));
        using var client = app.CreateClient();

        var (status, checks) = await ReadyAsync(client);
        using var live = await client.GetAsync("/health");

        Assert.Equal("Degraded", status);
        Assert.Equal("Degraded", checks["mail"]);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_MailUp_IsHealthy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        await using var smtp = await SmtpSink.StartAsync(folder);
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: SmtpSettings(smtp.Port));
        using var client = app.CreateClient();

        var (status, checks) = await ReadyAsync(client);

        Assert.Equal("Healthy", status);
        Assert.Equal("Healthy", checks["mail"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_AnOldUnsentEmail_DegradesTheOutbox(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Settings);
        await using (var db = app.NewDb())
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                MessageId = $"<{Guid.NewGuid():N}@test>",
                ToAddress = "anna@example.org",
                ToName = "Anna",
                Subject = "Termin",
                TextBody = "Text",
                CreatedAt = app.Now,
                NextAttemptAt = app.Now,
            });
            await db.SaveChangesAsync();
        }

        using var client = app.CreateClient();
        Assert.Equal("Healthy", (await ReadyAsync(client)).Checks["outbox"]);

        app.Advance(Duration.FromMinutes(16));
        var (status, checks) = await ReadyAsync(client);

        Assert.Equal("Degraded", checks["outbox"]);
        Assert.Equal("Degraded", status);
    }

    private static Dictionary<string, string?> SmtpSettings(int port)
    {
        var settings = Settings;
        settings["Mail:Transport"] = "Smtp";
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mail:Smtp:Security"] = "None";
        return settings;
    }

    private static async Task<(string Status, Dictionary<string, string> Checks)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
        return (json.RootElement.GetProperty("status").GetString()!, checks);
    }

    private static bool IsDenied(TestApp app, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.Headers.Location is { } location && new Uri(app.BaseAddress, location).AbsolutePath == "/staff/denied");

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
