using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>/api and Scalar's bundle as the server sends them; ApiReferencePagesTests renders them in a browser.</summary>
public sealed class ApiReferencePageTests
{
    private static string Csp(HttpResponseMessage response) => string.Join(",", response.Headers.GetValues("Content-Security-Policy"));

    [Fact]
    public async Task ApiPage_GermanFirst_EnglishWhenChosen_InlineStylesOnlyThere()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var german = await client.GetAsync("/api");
        using var english = await client.GetAsync("/api?lang=en");
        using var elsewhere = await client.GetAsync("/api/v1/offices");

        var html = await german.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, german.StatusCode);
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Die JSON-API der Terminvergabe</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/openapi/v1.json\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/api/reference/scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>The appointments&#x27; JSON API</h1>", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Scalar writes its styles at run time: the reference alone may; scripts stay this app's own everywhere.
        Assert.Contains("style-src 'self' 'unsafe-inline'", Csp(german), StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", Csp(german), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Csp(elsewhere), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScalarBundle_ComesFromThisApp_GzippedWhenAccepted()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var gzipped = new HttpRequestMessage(HttpMethod.Get, "/api/reference/scalar.js");
        gzipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var compressed = await client.SendAsync(gzipped);
        using var plain = await client.GetAsync("/api/reference/scalar.js");

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using var unzipped = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var fromGzip = await new StreamReader(unzipped).ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", plain.Content.Headers.ContentType?.MediaType);
        var script = await plain.Content.ReadAsStringAsync();
        Assert.Contains("createApiReference", script, StringComparison.Ordinal);
        Assert.Equal(script, fromGzip);
    }
}
