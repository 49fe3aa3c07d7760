using System.Net;
using System.Text.Json;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>
/// Every refusal says what is wrong: the API in ProblemDetails with a code, pages in a plain page in
/// the reader's language. Over Kestrel, whose request-line limit is what a too long address meets.
/// </summary>
public sealed class ErrorBodyTests
{
    private static readonly string LongQuery = "?q=" + new string('a', 20 * 1024);

    [Fact]
    public async Task ATwentyKilobyteQuery_IsRefusedWith414_AndAnAnswerThatSaysSo()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using (var api = await client.GetAsync("/api/v1/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + LongQuery))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
            Assert.Equal(414, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("URITooLong", problem.RootElement.GetProperty("code").GetString());
        }

        using (var page = await client.GetAsync("/times" + LongQuery))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Die Adresse ist zu lang", html, StringComparison.Ordinal);
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        }

        using (var english = await client.GetAsync("/times" + LongQuery + "&lang=en"))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, english.StatusCode);
            Assert.Contains("The address is too long", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var file = await client.GetAsync("/css/site.css" + LongQuery))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, file.StatusCode);
        }

        // Below the limit nothing changes: the same page answers.
        using var fine = await client.GetAsync("/times?q=" + new string('a', 1000));
        Assert.NotEqual(HttpStatusCode.RequestUriTooLong, fine.StatusCode);
    }

    /// <summary>
    /// A NUL in a path never reaches the app: Kestrel refuses the request line itself, before any
    /// middleware runs, with an empty 400 and a closed connection, and ASP.NET Core has no hook for
    /// it (README, "Bad input"). Should Kestrel ever pass it on, this fails and the app's answer
    /// must say what is wrong like every other.
    /// </summary>
    [Theory]
    [InlineData("/appointment/%00")]
    [InlineData("/api/v1/bookings/%00")]
    [InlineData("/api/v1/wishes/abc%00def")]
    public async Task ANulInATokenPath_IsRefusedByKestrelBeforeTheApp(string path)
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Content-Type-Options"), "The app answered: its answer must carry a body.");
        Assert.True(response.Headers.ConnectionClose);
    }
}
