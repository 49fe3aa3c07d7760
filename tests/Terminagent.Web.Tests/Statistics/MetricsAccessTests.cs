using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Statistics;

/// <summary>
/// /metrics is the operator's: this machine only by default; <c>Metrics:AllowedNetworks</c> opens it
/// to a management network, <c>Metrics:BearerToken</c> to whoever holds the token. A refusal carries no figure.
/// </summary>
public sealed class MetricsAccessTests
{
    private const string Token = "s3cret-scrape-token-0123456789";

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> ScrapeAsync(
        HttpClient client, string? peer = null, string? forwardedFor = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (peer is not null)
        {
            request.Headers.Add("Test-Peer", peer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static void AssertNoFigures(string body) =>
        Assert.DoesNotContain("terminagent_", body, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ByDefault_OnlyThisMachine(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();

        var local = await ScrapeAsync(client, peer: "127.0.0.1");
        var localV6 = await ScrapeAsync(client, peer: "::1");
        var other = await ScrapeAsync(client, peer: "203.0.113.9");
        var neighbour = await ScrapeAsync(client, peer: "10.0.0.7");

        // A reverse proxy on this machine that the app does not trust: its loopback address says nothing about the caller.
        var throughLocalProxy = await ScrapeAsync(client, peer: "127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, local.Status);
        Assert.Contains("terminagent_wishes", local.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, localV6.Status);
        foreach (var refused in new[] { other, neighbour, throughLocalProxy })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.Status);
            Assert.Equal(string.Empty, refused.Body);
            AssertNoFigures(refused.Body);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AllowedNetwork_Opens_ForTheCallerBehindATrustedProxy_NotForTheProxysNetwork(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: new()
        {
            ["Metrics:AllowedNetworks:0"] = "192.168.50.0/24",
            ["Metrics:AllowedNetworks:1"] = "10.0.0.0/8",
            ["ClientAddress:KnownProxies:0"] = "10.0.0.1",
        });
        using var client = app.CreateClient();

        var fromNetwork = await ScrapeAsync(client, peer: "192.168.50.20");
        var viaProxyFromNetwork = await ScrapeAsync(client, peer: "10.0.0.1", forwardedFor: "192.168.50.21");
        var stillLocal = await ScrapeAsync(client, peer: "127.0.0.1");
        var outside = await ScrapeAsync(client, peer: "192.168.51.20");

        // The load balancer sits in an allowed network, but what it forwards comes from the internet.
        var viaProxyFromInternet = await ScrapeAsync(client, peer: "10.0.0.1", forwardedFor: "203.0.113.9");

        // An untrusted hop inside the allowed network: the caller behind it is unknown.
        var viaUntrustedHop = await ScrapeAsync(client, peer: "10.0.0.2", forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, fromNetwork.Status);
        Assert.Contains("terminagent_wishes", fromNetwork.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viaProxyFromNetwork.Status);
        Assert.Equal(HttpStatusCode.OK, stillLocal.Status);
        foreach (var refused in new[] { outside, viaProxyFromInternet, viaUntrustedHop })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.Status);
            AssertNoFigures(refused.Body);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BearerToken_OpensToItsHolder_AndRefusesAWrongOne(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: new() { ["Metrics:BearerToken"] = Token });
        using var client = app.CreateClient();

        var right = await ScrapeAsync(client, peer: "203.0.113.9", bearer: Token);
        var wrong = await ScrapeAsync(client, peer: "203.0.113.9", bearer: Token[..^1] + "X");
        var prefix = await ScrapeAsync(client, peer: "203.0.113.9", bearer: Token[..^1]);
        var none = await ScrapeAsync(client, peer: "203.0.113.9");

        // Once a token is set, this machine needs it too.
        var localWithout = await ScrapeAsync(client, peer: "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("terminagent_wishes", right.Body, StringComparison.Ordinal);
        foreach (var refused in new[] { wrong, prefix, none, localWithout })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("Bearer", refused.Response.Headers.WwwAuthenticate.ToString());
            AssertNoFigures(refused.Body);
        }
    }

    [Fact]
    public async Task TokenAndNetwork_BothNeeded()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new()
        {
            ["Metrics:BearerToken"] = Token,
            ["Metrics:AllowedNetworks:0"] = "192.168.50.0/24",
        });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(client, peer: "192.168.50.20", bearer: Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(client, peer: "192.168.50.20")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(client, peer: "203.0.113.9", bearer: Token)).Status);
    }

    [Theory]
    [InlineData("Metrics:AllowedNetworks:0", "10.0.0.0/33", "not a CIDR network: 10.0.0.0/33")]
    [InlineData("Metrics:BearerToken", "short", "Metrics:BearerToken must be at least 16 characters")]
    [InlineData("Metrics:Token", "s3cret-scrape-token-old-name", "Metrics:Token is now called Metrics:BearerToken")]
    public void BadSettings_StopTheStart(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddStatistics().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
