using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>
/// Links come from the pages' routes, and English chosen in the address (<c>?lang=en</c>) rides
/// along in every link, form and redirect of the citizen's journey; German, and English from the
/// cookie alone, name no language.
/// </summary>
public sealed partial class LanguageLinkTests
{
    private const string Anna = "anna@example.org";

    [Fact]
    public async Task EnglishLinks_KeepLangOnTheBookingJourney()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var mail = new Mailbox(app, "http://localhost");

        var start = await EnglishPageAsync(client, "/?lang=en");
        Assert.Contains("href=\"/wish?lang=en\"", start, StringComparison.Ordinal);
        await EnglishPageAsync(client, "/offices?service=personalausweis&lang=en");
        var times = await EnglishPageAsync(client, "/times?service=personalausweis&office=hauptbahnhof&office=bilk&lang=en");
        Assert.Contains("href=\"/offices?service=personalausweis&amp;lang=en\"", times, StringComparison.Ordinal);
        Assert.Contains("href=\"/wish?service=personalausweis&amp;office=hauptbahnhof&amp;office=bilk&amp;lang=en\"", times, StringComparison.Ordinal);
        var bookLink = WebUtility.HtmlDecode(BookLink().Match(times).Groups[1].Value);
        Assert.Matches("^/book\\?service=personalausweis&at=(hauptbahnhof|bilk)&start=[^&]+&office=hauptbahnhof&office=bilk&lang=en$", bookLink);
        await EnglishPageAsync(client, bookLink);
        await EnglishPageAsync(client, "/wish?lang=en");
        await EnglishPageAsync(client, "/wish?service=personalausweis&office=bilk&lang=en");

        using (var missing = await client.GetAsync("/times?service=personalausweis&lang=en"))
        {
            Assert.Equal("/offices?service=personalausweis&missing=true&lang=en", missing.Headers.Location?.OriginalString);
        }

        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Anna Beispiel", Anna, null, "en", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var confirm = mail.TokenIn(await mail.SingleNewAsync(Anna), "/confirm/");
        var confirmPage = await EnglishPageAsync(client, $"/confirm/{confirm}?lang=en");
        using var confirmed = await client.PostAsync($"/confirm/{confirm}?lang=en", Forms.Form(Forms.TokenIn(confirmPage)!));
        var manage = Assert.Single(Regex.Matches(confirmed.Headers.Location?.OriginalString ?? $"{confirmed.StatusCode}", "^/appointment/([A-Za-z0-9_-]+)\\?confirmed=true&lang=en$")).Groups[1].Value;

        var appointment = await EnglishPageAsync(client, $"/appointment/{manage}?lang=en");
        Assert.Contains($"href=\"/appointment/{manage}/move?lang=en\"", appointment, StringComparison.Ordinal);
        Assert.Contains($"action=\"/my-data/{manage}?handler=show&amp;lang=en\"", appointment, StringComparison.Ordinal);
        await EnglishPageAsync(client, $"/appointment/{manage}/move?lang=en");
        await EnglishPageAsync(client, $"/my-data/{manage}?lang=en");
        await EnglishPageAsync(client, $"/my-data/{manage}/erase?lang=en");

        Assert.Contains($"href=\"/appointment/{manage}/cancel?lang=en\"", appointment, StringComparison.Ordinal);
        var cancelStep = await EnglishPageAsync(client, $"/appointment/{manage}/cancel?lang=en");
        Assert.Contains($"action=\"/appointment/{manage}/cancel?lang=en\"", cancelStep, StringComparison.Ordinal);
        using var cancelled = await client.PostAsync($"/appointment/{manage}/cancel?lang=en", Forms.Form(Forms.TokenIn(cancelStep)!));
        Assert.Equal($"/appointment/{manage}?cancelled=true&lang=en", cancelled.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GermanOrEnglishFromTheCookie_LinksNameNoLanguage(bool englishCookie)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (englishCookie)
        {
            client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        }

        foreach (var path in new[] { "/", "/offices?service=personalausweis", "/times?service=personalausweis&office=hauptbahnhof&office=bilk", "/wish?service=personalausweis" })
        {
            var html = await client.GetStringAsync(path);
            Assert.Contains(englishCookie ? "<html lang=\"en\">" : "<html lang=\"de\">", html, StringComparison.Ordinal);
            var links = LinksIn(html).Where(l => !l.StartsWith("/language?", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, l => Assert.DoesNotContain("lang=", l, StringComparison.Ordinal));
            Assert.All(ActionPattern().Matches(html).Select(m => m.Groups[1].Value), a => Assert.DoesNotContain("lang=", a, StringComparison.Ordinal));
            Assert.DoesNotContain("name=\"lang\"", html, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Pages link by <c>asp-page</c>, <c>Url.Page</c> and <c>RedirectToPage</c>. The few addresses
    /// still written out (static files, minimal-API endpoints without a page) stay few.
    /// </summary>
    [Fact]
    public void SourceFiles_BuildAtMostTenLinksByHand()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var handBuilt = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("href=\"/", StringComparison.Ordinal) || l.Text.Contains("action=\"/", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(handBuilt.Count <= 10, $"{handBuilt.Count} links written by hand; use asp-page, Url.Page or RedirectToPage:\n{string.Join('\n', handBuilt)}");
    }

    /// <summary>Opens an English page and checks that its links and forms keep English.</summary>
    private static async Task<string> EnglishPageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);

        var links = LinksIn(html).Where(l => !l.StartsWith("/language?", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Matches("[?&]lang=en(&|#|$)", l));
        foreach (Match form in FormPattern().Matches(html))
        {
            var (tag, body) = (form.Groups["tag"].Value, form.Groups["body"].Value);
            if (tag.Contains("method=\"get\"", StringComparison.Ordinal))
            {
                Assert.Contains("<input type=\"hidden\" name=\"lang\" value=\"en\">", body, StringComparison.Ordinal);
            }
            else if (ActionPattern().Match(tag) is { Success: true } action)
            {
                Assert.Matches("[?&]lang=en(&|$)", WebUtility.HtmlDecode(action.Groups[1].Value));
            }
        }

        return html;
    }

    /// <summary>The site's own links on a page (not "#" anchors, static files or other sites).</summary>
    private static IEnumerable<string> LinksIn(string html) =>
        HrefPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(l => !l.StartsWith("/css/", StringComparison.Ordinal) && !l.StartsWith("/js/", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Terminagent.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Terminagent.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("<a [^>]*href=\"(/[^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("<ul class=\"times\">\\s*<li><a class=\"button\" href=\"([^\"]+)\"")]
    private static partial Regex BookLink();

    [GeneratedRegex("(?<tag><form\\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();
}
