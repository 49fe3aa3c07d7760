using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Api;

/// <summary>The JSON API: the same flow as the pages, with ProblemDetails for every refusal.</summary>
public sealed class BookingApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HoldConfirmRescheduleCancel_ThroughTheApi(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();

        var offices = await client.GetFromJsonAsync<JsonElement>("/api/v1/offices");
        Assert.Equal(11, offices.GetArrayLength());
        Assert.Contains(offices.EnumerateArray(), o => o.GetProperty("id").GetString() == "unterbach" && !o.GetProperty("hasKiosk").GetBoolean());
        var services = await client.GetFromJsonAsync<JsonElement>("/api/v1/services");
        Assert.True(services.GetArrayLength() >= 8);

        var free = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/personalausweis/free-times?office=hauptbahnhof&office=bilk");
        var times = free.GetProperty("times").EnumerateArray().ToList();
        Assert.NotEmpty(times);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First.GetProperty("start").GetDateTimeOffset() <= p.Second.GetProperty("start").GetDateTimeOffset()));
        var first = times[0];

        using var created = await client.PostAsJsonAsync("/api/v1/bookings", new
        {
            serviceId = "personalausweis",
            officeId = first.GetProperty("officeId").GetString(),
            start = first.GetProperty("start").GetDateTimeOffset(),
            name = "Erika Mustermann",
            email = "erika@example.org",
            language = "en",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var booking = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking");
        Assert.Equal("held", booking.GetProperty("status").GetString());

        var mail = Assert.Single(await app.DeliverMailAsync());
        Assert.StartsWith("Please confirm", mail.Subject, StringComparison.Ordinal);
        var confirmToken = Scenario.TokenIn(mail, "http://localhost/confirm/");

        using var confirmed = await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token = confirmToken });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var confirmedBody = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", confirmedBody.GetProperty("booking").GetProperty("status").GetString());
        var manageToken = confirmedBody.GetProperty("manageToken").GetString()!;

        using var again = await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token = confirmToken });
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyDone").GetBoolean());

        var target = times[5];
        using var moved = await client.PostAsJsonAsync("/api/v1/bookings/reschedule", new
        {
            token = manageToken,
            officeId = target.GetProperty("officeId").GetString(),
            start = target.GetProperty("start").GetDateTimeOffset(),
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{manageToken}");
        Assert.Equal(target.GetProperty("start").GetDateTimeOffset(), current.GetProperty("start").GetDateTimeOffset());

        using var cancelled = await client.PostAsJsonAsync("/api/v1/bookings/cancel", new { token = manageToken });
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("booking").GetProperty("status").GetString());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    public static TheoryData<string, object, int, string?> BadHolds()
    {
        var start = TestApp.DefaultStart + NodaTime.Duration.FromDays(2);
        return new()
        {
            { "unknown service", new { serviceId = "nothing", officeId = "bilk", start = start.ToDateTimeOffset(), name = "A", email = "a@example.org" }, 404, "UnknownService" },
            { "unknown office", new { serviceId = "personalausweis", officeId = "atlantis", start = start.ToDateTimeOffset(), name = "A", email = "a@example.org" }, 404, "UnknownOffice" },
            { "not offered there", new { serviceId = "beglaubigung", officeId = "unterbach", start = start.ToDateTimeOffset(), name = "A", email = "a@example.org" }, 400, "ServiceNotOfferedThere" },
            { "in the past", new { serviceId = "personalausweis", officeId = "bilk", start = TestApp.DefaultStart.ToDateTimeOffset().AddDays(-1), name = "A", email = "a@example.org" }, 400, "InPast" },
            { "not yet released", new { serviceId = "personalausweis", officeId = "bilk", start = new DateTimeOffset(2026, 12, 22, 7, 0, 0, TimeSpan.Zero), name = "A", email = "a@example.org" }, 400, "NotYetReleased" },
            { "no slot starts then", new { serviceId = "personalausweis", officeId = "bilk", start = start.ToDateTimeOffset().AddMinutes(7), name = "A", email = "a@example.org" }, 400, "UnknownTime" },
            { "malformed email", new { serviceId = "personalausweis", officeId = "bilk", start = start.ToDateTimeOffset(), name = "A", email = "not-an-email" }, 400, null },
            { "header injection", new { serviceId = "personalausweis", officeId = "bilk", start = start.ToDateTimeOffset(), name = "A", email = "a@example.org\r\nBcc: b@example.org" }, 400, null },
            { "overlong name", new { serviceId = "personalausweis", officeId = "bilk", start = start.ToDateTimeOffset(), name = new string('x', 101), email = "a@example.org" }, 400, null },
            { "missing start", new { serviceId = "personalausweis", officeId = "bilk", name = "A", email = "a@example.org" }, 400, null },
            { "the end of time", new { serviceId = "personalausweis", officeId = "bilk", start = "9999-12-31T23:59:59+00:00", name = "A", email = "a@example.org" }, 400, "UnknownTime" },
            { "years ahead", new { serviceId = "personalausweis", officeId = "bilk", start = "2040-01-02T08:00:00+00:00", name = "A", email = "a@example.org" }, 400, "UnknownTime" },
            { "the start of time", new { serviceId = "personalausweis", officeId = "bilk", start = "0001-01-01T00:00:00+00:00", name = "A", email = "a@example.org" }, 400, "InPast" },
            { "an offset beyond the start of time", new { serviceId = "personalausweis", officeId = "bilk", start = "0001-01-01T00:00:00+14:00", name = "A", email = "a@example.org" }, 400, null },
            { "an offset beyond the end of time", new { serviceId = "personalausweis", officeId = "bilk", start = "9999-12-31T23:59:59-14:00", name = "A", email = "a@example.org" }, 400, null },
            { "unknown language", new { serviceId = "personalausweis", officeId = "bilk", start = start.ToDateTimeOffset(), name = "A", email = "a@example.org", language = "fr" }, 400, null },
        };
    }

    [Theory]
    [MemberData(nameof(BadHolds))]
    public async Task BadHold_IsRefusedWithProblemDetails_AndChangesNothing(string why, object request, int status, string? code)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/bookings", request);

        Assert.True(status == (int)response.StatusCode, $"{why}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        await AssertNothingChangedAsync(app);
    }

    [Theory]
    [InlineData("/api/v1/bookings", "{ not json")]
    [InlineData("/api/v1/bookings/confirm", "[1,2,3]")]
    [InlineData("/api/v1/bookings/cancel", "{\"token\": 42}")]
    public async Task MalformedJson_Is400(string path, string body)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(app);
    }

    [Theory]
    [InlineData("/api/v1/bookings/confirm", "tampered-token-that-is-not-valid-at-all-xx", 404)]
    [InlineData("/api/v1/bookings/confirm", "short", 404)]
    [InlineData("/api/v1/bookings/cancel", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404)]
    public async Task TamperedToken_Is404(string path, string token, int status)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(path, new { token });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExpiredConfirmToken_Is410()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var time = (await Scenario.FreeTimesAsync(app)).First(t => t.Start > app.Now + NodaTime.Duration.FromDays(1));
        await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        var token = Scenario.TokenIn(Assert.Single(await app.DeliverMailAsync()), "http://localhost/confirm/");
        app.Advance(NodaTime.Duration.FromMinutes(15));

        using var response = await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task FreeTimes_RefuseUnknownServiceOfficeAndDay()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/services/nothing/free-times")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/services/personalausweis/free-times?office=atlantis")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/services/personalausweis/free-times?day=31.12.2026")).StatusCode);
        var oneDay = await client.GetFromJsonAsync<JsonElement>("/api/v1/services/personalausweis/free-times?office=bilk&day=2026-12-01");
        Assert.All(oneDay.GetProperty("times").EnumerateArray(), t => Assert.Equal("2026-12-01", t.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task OpenApiDocumentAndHealth_AreServed()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/offices", "/api/v1/services", "/api/v1/services/{serviceId}/free-times", "/api/v1/bookings", "/api/v1/bookings/confirm", "/api/v1/bookings/cancel", "/api/v1/bookings/reschedule" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    private static async Task AssertNothingChangedAsync(TestApp app)
    {
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Bookings.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        Assert.Equal(0, await db.Slots.SumAsync(s => s.Taken));
    }
}
