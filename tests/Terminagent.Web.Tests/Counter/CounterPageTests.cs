using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.Counter;

/// <summary>The counter pages and the staff queue API: who may use them, and a clerk's working day through them.</summary>
public sealed class CounterPageTests
{
    private const string Page = "/counter/hauptbahnhof/1";

    /// <summary>Each role against each counter page and API route, at its own office and another.</summary>
    [Fact]
    public async Task EveryRole_AtOwnAndOtherOffices_GetsExactlyWhatItMay()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        (string Who, StaffRole? Role, string[] Offices, bool Allowed)[] callers =
        [
            ("anonymous", null, [], false),
            ("clerk here", StaffRole.Clerk, ["hauptbahnhof"], true),
            ("clerk of two offices", StaffRole.Clerk, ["bilk", "hauptbahnhof"], true),
            ("clerk elsewhere", StaffRole.Clerk, ["bilk"], false),
            ("infoline agent", StaffRole.InfolineAgent, [], false),
            ("office manager here", StaffRole.OfficeManager, ["hauptbahnhof"], true),
            ("office manager elsewhere", StaffRole.OfficeManager, ["bilk"], false),
            ("administrator", StaffRole.Administrator, [], true),
        ];
        var wrong = new List<string>();
        foreach (var caller in callers)
        {
            using var client = caller.Role is { } role
                ? (await StaffSessions.SignedInAsync(app, role, caller.Offices)).Client
                : app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            foreach (var path in new[] { "/counter/hauptbahnhof", Page })
            {
                using var response = await client.GetAsync(path);
                var expected = caller.Allowed ? "200" : caller.Role is null ? "302 /staff/signin" : "302 /staff/denied";
                var actual = response.StatusCode == HttpStatusCode.Redirect
                    ? $"302 {response.Headers.Location!.AbsolutePath}"
                    : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (actual != expected)
                {
                    wrong.Add($"{caller.Who} GET {path}: {actual}, expected {expected}");
                }
            }

            using var queue = await client.GetAsync("/api/v1/staff/offices/hauptbahnhof/queue");
            using var callNext = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/6/call-next", null);
            foreach (var (name, response, allowedStatus) in new[] { ("queue", queue, HttpStatusCode.OK), ("call-next", callNext, HttpStatusCode.Conflict) })
            {
                var expected = caller.Allowed ? allowedStatus : caller.Role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{caller.Who} {name}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task UnknownOfficeOrCounter_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        foreach (var path in new[] { "/counter/atlantis", "/counter/atlantis/1", "/counter/hauptbahnhof/7", "/counter/unterbach/2" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path);
        }

        using var api = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/7/call-next", null);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("UnknownCounter", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChooseCounter_ListsTheOfficesCounters_AndWhomTheyCalled()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        await TicketVisitsAsync(app, 1);
        await CallNextAsync(app, 4);

        var html = await client.GetStringAsync("/counter/hauptbahnhof");

        Assert.Contains("href=\"/counter/hauptbahnhof/6\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/counter/hauptbahnhof/7\"", html, StringComparison.Ordinal);
        Assert.Contains("hat aufgerufen: 001", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClerksDay_ThroughThePage_CallsServesChecksInAndRefusesClearly(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var visits = await TicketVisitsAsync(app, 2);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var booking = await Scenario.BookingAsync(app, await new AgentKit(app).BookAsync(time.Start, "erika@example.org", Scenario.Service, Scenario.Office));

        var page = await client.GetStringAsync(Page);
        Assert.Contains("Wartende (2)", page, StringComparison.Ordinal);
        Assert.Contains(booking.Code, page, StringComparison.Ordinal);
        Assert.Contains("Kein offener Aufruf.", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "callNext");
        Assert.Contains("001 ist an Schalter 1 aufgerufen.", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"current-label\">001</p>", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "callNext");
        Assert.Contains("Bitte schließen Sie zuerst den aktuellen Aufruf ab (001)", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "act", ("visit", visits[0].Id.ToString()), ("what", "Serve"));
        Assert.Contains("001 ist erledigt.", page, StringComparison.Ordinal);
        Assert.Contains("Kein offener Aufruf.", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "checkIn", ("code", "NOPE-NOPE"));
        Assert.Contains("Zu diesem Buchungscode gibt es keinen Termin.", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "checkIn", ("code", booking.Code.ToLowerInvariant()));
        Assert.Contains($"{booking.Code} (erika) ist eingecheckt und wartet.", page, StringComparison.Ordinal);
        Assert.Contains("Wartende (2)", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "callNext");
        Assert.Contains("002 ist an Schalter 1 aufgerufen.", page, StringComparison.Ordinal);
        page = await PostAndFollowAsync(client, "act", ("visit", visits[1].Id.ToString()), ("what", "Park"));
        Assert.Contains("002 ist zurückgestellt", page, StringComparison.Ordinal);
        Assert.Contains("Zurückgestellt (1)", page, StringComparison.Ordinal);

        page = await PostAndFollowAsync(client, "callNext");
        Assert.Contains($"{booking.Code} ist an Schalter 1 aufgerufen.", page, StringComparison.Ordinal);
        page = await PostAndFollowAsync(client, "act", ("visit", visits[1].Id.ToString()), ("what", "Serve"));
        Assert.Contains("002 ist inzwischen zurückgestellt.", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_CallsNext_ListsTheQueue_AndRefusesWithProblemDetails(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        await TicketVisitsAsync(app, 2);

        using var called = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/2/call-next", null);
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        var visit = await called.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("001", "called", "2"), (visit.GetProperty("label").GetString(), visit.GetProperty("status").GetString(), visit.GetProperty("counter").GetString()));

        using var busy = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/2/call-next", null);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        var problem = await busy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CounterBusy", problem.GetProperty("code").GetString());
        Assert.StartsWith("Please finish the current call first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var second = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/3/call-next", null);
        using var nobody = await client.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/4/call-next", null);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("NobodyWaiting", (await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/staff/offices/hauptbahnhof/queue");
        Assert.Equal(("hauptbahnhof", "2026-11-30", 6), (queue.GetProperty("officeId").GetString(), queue.GetProperty("day").GetString(), queue.GetProperty("counters").GetInt32()));
        Assert.Equal(0, queue.GetProperty("waiting").GetArrayLength());
        Assert.Equal(["001", "002"], queue.GetProperty("called").EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        Assert.Equal(2, queue.GetProperty("figures").GetProperty("called").GetInt32());
    }

    private static async Task<string> PostAndFollowAsync(HttpClient client, string handler, params (string Name, string Value)[] fields)
    {
        using var response = await Forms.PostAsync(client, Page, $"{Page}?handler={handler}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page, response.Headers.Location!.OriginalString);
        return await client.GetStringAsync(Page);
    }
}
