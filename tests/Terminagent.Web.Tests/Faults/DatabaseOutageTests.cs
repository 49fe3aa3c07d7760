extern alias trust;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.Infrastructure;

namespace Terminagent.Web.Tests.Faults;

/// <summary>
/// The database briefly unreachable (a TCP proxy between app and PostgreSQL, cut and restored):
/// pages answer 503 with a plain message and Retry-After, the API 503 ProblemDetails, nothing is
/// half-changed; after the restore the same requests succeed in the same app and the workers'
/// rounds run again.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string FreeTimes = "/api/v1/services/personalausweis/free-times?office=hauptbahnhof";
    private const string TimesPage = "/times?service=personalausweis&office=hauptbahnhof";

    [Fact]
    public async Task DatabaseCutOff_RequestsGet503WithAMessage_NothingChanges_AndAfterRestoreEverythingWorksAgain()
    {
        await using var direct = await TestApp.StartAsync(DatabaseProvider.Postgres);
        var server = new NpgsqlConnectionStringBuilder(direct.Database.ConnectionString);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(direct.Database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var app = TestApp.StartSecondInstance(direct, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = viaProxy,
            ["Workers:Enabled"] = "true",
        });
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TimesPage)).StatusCode);
        var time = await FirstFreeTimeAsync(client);
        var lapsing = await HoldAsync(client, time, "erika@example.org");
        Assert.Equal(HttpStatusCode.Created, lapsing.StatusCode);
        var lapsingId = (await lapsing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking").GetProperty("id").GetGuid();
        var before = await CountsAsync(direct);

        proxy.Cut();

        var page = await client.GetAsync(TimesPage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("60", page.Headers.RetryAfter?.ToString());
        var text = await page.Content.ReadAsStringAsync();
        Assert.Contains("Der Dienst ist gerade gestört", text, StringComparison.Ordinal);
        Assert.Contains("Es wurde nichts geändert", text, StringComparison.Ordinal);
        Assert.Contains("in einer Minute erneut", text, StringComparison.Ordinal);

        var english = await client.GetAsync(TimesPage + "&lang=en");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, english.StatusCode);
        Assert.Contains("Nothing was changed", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync(FreeTimes);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("60", api.Headers.RetryAfter?.ToString());
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A challenge is issued without the database (it is signed, and rate counts are kept in
        // memory); spending it, with the hold, needs the database and answers 503.
        using var withoutSolver = app.CreateClientWithoutSolver(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await withoutSolver.GetAsync("/api/v1/challenges?purpose=booking")).StatusCode);
        var hold = await HoldAsync(client, time, "max@example.org");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, hold.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

        // The hold's time runs out while the database is away: the worker's round fails, and the worker lives on.
        app.Advance(Duration.FromMinutes(20));
        Assert.True(proxy.ConnectionsRefused > 0);
        Assert.Equal(before, await CountsAsync(direct));

        proxy.Restore();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TimesPage)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(FreeTimes)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await HoldAsync(client, await FirstFreeTimeAsync(client), "max@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // The hold expiry worker runs again by itself: each step of the fake clock lets another round run.
        var expired = false;
        for (var round = 0; round < 100 && !expired; round++)
        {
            app.Advance(Duration.FromSeconds(15));
            await Task.Delay(100);
            await using var db = direct.NewDb();
            expired = await db.Bookings.AnyAsync(b => b.Id == lapsingId && b.Status == BookingStatus.Expired);
        }

        Assert.True(expired, "the hold expiry worker did not run again after the database came back");
        await Scenario.AssertCapacityConsistentAsync(direct);
    }

    private static async Task<(string Office, DateTimeOffset Start)> FirstFreeTimeAsync(HttpClient client)
    {
        var times = await client.GetFromJsonAsync<JsonElement>(FreeTimes);
        var first = times.GetProperty("times")[0];
        return (first.GetProperty("officeId").GetString()!, first.GetProperty("start").GetDateTimeOffset());
    }

    private static Task<HttpResponseMessage> HoldAsync(HttpClient client, (string Office, DateTimeOffset Start) time, string email) =>
        client.PostAsJsonAsync("/api/v1/bookings", new
        {
            serviceId = "personalausweis",
            officeId = time.Office,
            start = time.Start,
            name = "Erika Mustermann",
            email,
            language = "de",
        });

    private static async Task<(int Bookings, int Outbox, int Taken)> CountsAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return (await db.Bookings.CountAsync(), await db.OutboxMessages.CountAsync(), await db.Slots.SumAsync(s => s.Taken));
    }
}
