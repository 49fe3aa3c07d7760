using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Abuse;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Abuse;

/// <summary>Rate limits: over the limit 429 with Retry-After and nothing changed; the next window lets the client in again.</summary>
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Limits(int reads = 1000, int writes = 1000, int links = 1000, int perEmail = 1000) => new()
    {
        ["RateLimits:Reads:Limit"] = reads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Reads:Window"] = "00:01:00",
        ["RateLimits:Writes:Limit"] = writes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Links:Limit"] = links.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:CreatesPerEmail:Limit"] = perEmail.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:CreatesPerEmail:Window"] = "01:00:00",
        ["ClientAddress:KnownProxies:0"] = "10.0.0.1",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_OverTheLimit_PlainPageAndProblem_UntilTheWindowPasses(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(reads: 2));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/offices")).StatusCode);

        using var page = await client.GetAsync("/?again");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), page.Headers.RetryAfter?.Delta);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("Zu viele Anfragen", html, StringComparison.Ordinal);
        Assert.Contains("Bitte versuchen Sie es in 60 Sekunden noch einmal", html, StringComparison.Ordinal);
        Assert.Contains("Ihre Eingaben sind nicht verloren", html, StringComparison.Ordinal);

        app.Advance(Duration.FromSeconds(20));
        using var api = await client.GetAsync("/api/v1/offices");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), api.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RateLimited", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // Never limited: health, metrics' neighbours in the staff area, static files.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/staff/signin")).StatusCode);

        app.Advance(Duration.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>The RateLimit and RateLimit-Policy fields of draft-ietf-httpapi-ratelimit-headers, as one line each.</summary>
    private static string? Field(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LimitedAnswers_CarryTheirStanding_DownToThe429(DatabaseProvider provider)
    {
        // The test clock starts on a full minute, so the first window has all its 60 seconds left.
        await using var app = await TestApp.StartAsync(provider, settings: Limits(reads: 3));
        using var client = app.CreateClient();

        using var first = await client.GetAsync("/api/v1/offices");
        app.Advance(Duration.FromSeconds(15));
        using var second = await client.GetAsync("/api/v1/offices");
        using var third = await client.GetAsync("/");
        app.Advance(Duration.FromSeconds(10.5));
        using var over = await client.GetAsync("/api/v1/offices");
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"reads\";q=3;w=60", Field(first, "RateLimit-Policy"));
        Assert.Equal("\"reads\";r=2;t=60", Field(first, "RateLimit"));
        Assert.Equal("\"reads\";r=1;t=45", Field(second, "RateLimit"));
        Assert.Equal("\"reads\";r=0;t=45", Field(third, "RateLimit"));

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("\"reads\";q=3;w=60", Field(over, "RateLimit-Policy"));
        Assert.Equal("\"reads\";r=0;t=35", Field(over, "RateLimit"));
        Assert.Equal(TimeSpan.FromSeconds(35), over.Headers.RetryAfter?.Delta);

        // What is not limited says nothing about limits.
        Assert.Null(Field(health, "RateLimit"));
        Assert.Null(Field(health, "RateLimit-Policy"));

        app.Advance(Duration.FromSeconds(35));
        using var next = await client.GetAsync("/api/v1/offices");
        Assert.Equal("\"reads\";r=2;t=60", Field(next, "RateLimit"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryLimitARequestCountsAgainst_IsListed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(links: 5, perEmail: 1));
        using var client = app.CreateClient();

        using var link = await client.GetAsync("/offer/guess1");
        using var wish = await ProofOfWorkTests.PostWishAsync(client, null, null, "anna@example.org");
        using var again = await ProofOfWorkTests.PostWishAsync(client, null, null, "Anna@Example.org");

        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
        Assert.Equal("\"reads\";q=1000;w=60, \"links\";q=5;w=600", Field(link, "RateLimit-Policy"));
        Assert.Equal("\"reads\";r=999;t=60, \"links\";r=4;t=600", Field(link, "RateLimit"));

        Assert.Equal(HttpStatusCode.Created, wish.StatusCode);
        Assert.Equal("\"writes\";q=1000;w=60, \"email\";q=1;w=3600", Field(wish, "RateLimit-Policy"));
        Assert.Equal("\"writes\";r=999;t=60, \"email\";r=0;t=3600", Field(wish, "RateLimit"));

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("\"writes\";r=998;t=60, \"email\";r=0;t=3600", Field(again, "RateLimit"));
        Assert.Equal(TimeSpan.FromSeconds(3600), again.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Writes_OverTheLimit_ChangeNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(writes: 1));
        using var client = app.CreateClient();
        using (var first = await ProofOfWorkTests.PostWishAsync(client, null, null))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await ProofOfWorkTests.PostWishAsync(client, null, null, "bert@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Wishes.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreatesPerEmail_CountTheNormalisedAddress(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(perEmail: 1));
        using var client = app.CreateClient();
        using (var first = await ProofOfWorkTests.PostWishAsync(client, null, null, "anna@example.org"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await ProofOfWorkTests.PostWishAsync(client, null, null, " Anna@Example.ORG ");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        Assert.Contains("for this email address", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The page says it in German, and nothing was held.
        var time = await Scenario.FirstFreeTimeAsync(app);
        using var page = await Forms.PostAsync(
            client, $"/book?service={Scenario.Service}&at={time.OfficeId}&start={Uri.EscapeDataString(NodaTime.Text.InstantPattern.General.Format(time.Start))}", null,
            ("service", Scenario.Service), ("at", time.OfficeId), ("start", NodaTime.Text.InstantPattern.General.Format(time.Start)),
            ("name", "Anna Beispiel"), ("email", "ANNA@example.org"));
        var refusal = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.TooManyRequests, refusal);
        Assert.Contains("Für diese E-Mail-Adresse", refusal, StringComparison.Ordinal);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Wishes.CountAsync());
        Assert.Equal(0, await db.Bookings.CountAsync());

        app.Advance(Duration.FromHours(1));
        using var later = await ProofOfWorkTests.PostWishAsync(client, null, null, "anna@example.org");
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgres_ShareTheCount_WrittenThrough()
    {
        var limits = Limits(reads: 3);
        limits["RateLimits:ShareEvery"] = "00:00:00";
        await using var first = await TestApp.StartAsync(DatabaseProvider.Postgres, settings: limits);
        await using var second = TestApp.StartSecondInstance(first, limits);
        using var one = first.CreateClient();
        using var other = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await other.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await one.GetAsync("/")).StatusCode);
    }

    /// <summary>
    /// By default each instance counts in memory and shares its counts in batches: a request costs no
    /// database round trip, and an instance learns the others' counts at the next sharing. (The
    /// interval is a minute here, so only the explicit sharing below happens.)
    /// </summary>
    [Fact]
    public async Task TwoInstancesOnOnePostgres_ShareTheCount_InBatches()
    {
        var limits = Limits(reads: 3);
        limits["RateLimits:ShareEvery"] = "00:01:00";
        await using var first = await TestApp.StartAsync(DatabaseProvider.Postgres, settings: limits);
        await using var second = TestApp.StartSecondInstance(first, limits);
        using var one = first.CreateClient();
        using var other = second.CreateClient();
        var firstCounts = first.Services.GetRequiredService<SharedRateCounters>();
        var secondCounts = second.Services.GetRequiredService<SharedRateCounters>();

        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/")).StatusCode);
        await firstCounts.ShareAsync(default);

        // The second instance has not shared yet, so it knows only its own one request; sharing adds
        // it to the first's two, and it learns the total.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
        await secondCounts.ShareAsync(default);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await other.GetAsync("/")).StatusCode);

        // The first learns the others' count when it shares next: one request over the limit slipped through meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/")).StatusCode);
        await firstCounts.ShareAsync(default);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await one.GetAsync("/")).StatusCode);

        await using var db = first.NewDb();
        Assert.Equal(4, await db.RateCounters.Where(c => c.Key.StartsWith("reads|")).SumAsync(c => c.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForwardedFor_CountsOnlyFromATrustedProxy(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(reads: 1));
        using var client = app.CreateClient();

        async Task<HttpStatusCode> GetAsync(string peer, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Test-Peer", peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // Behind the trusted proxy each citizen counts on their own.
        Assert.Equal(HttpStatusCode.OK, await GetAsync("10.0.0.1", "203.0.113.5"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("10.0.0.1", "203.0.113.6"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync("10.0.0.1", "203.0.113.5"));

        // Anyone else claiming other addresses still counts as themselves.
        Assert.Equal(HttpStatusCode.OK, await GetAsync("198.51.100.7", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync("198.51.100.7", "203.0.113.8"));

        // IPv6 clients count per /64.
        Assert.Equal(HttpStatusCode.OK, await GetAsync("2001:db8:1:2::1", "-"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync("2001:db8:1:2:ffff::9", "-"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("2001:db8:1:3::1", "-"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LinkActions_AreLimitedAgainstGuessing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: Limits(links: 2));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/appointment/guess1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token = "guess2" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/offer/guess3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
