using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Localization;

/// <summary>
/// Which language a page speaks: the address (<c>?lang=</c>, <c>?culture=</c>) before the cookie,
/// the cookie before the browser's <c>Accept-Language</c>, German when none names a language we have.
/// Staff pages stay German or English.
/// </summary>
public sealed partial class RequestLanguageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachWayOfChoosing_GivesThePageItsLanguageAndDirection(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        Assert.Equal(("de", null), await HtmlLanguageAsync(client, "/"));
        Assert.Equal(("tr", null), await HtmlLanguageAsync(client, "/?lang=tr"));
        Assert.Equal(("uk", null), await HtmlLanguageAsync(client, "/?culture=uk"));
        Assert.Equal(("ar", "rtl"), await HtmlLanguageAsync(client, "/?lang=ar"));
        Assert.Equal(("de", null), await HtmlLanguageAsync(client, "/?lang=xx"));
        Assert.Equal(("tr", null), await HtmlLanguageAsync(client, "/", acceptLanguage: "tr-TR,tr;q=0.9,en;q=0.5"));
        Assert.Equal(("uk", null), await HtmlLanguageAsync(client, "/", acceptLanguage: "ru;q=0.9,uk;q=0.8"));
        Assert.Equal(("de", null), await HtmlLanguageAsync(client, "/", acceptLanguage: "ja"));
        Assert.Equal(("ar", "rtl"), await HtmlLanguageAsync(client, "/", cookie: "ar", acceptLanguage: "tr"));
        Assert.Equal(("en", null), await HtmlLanguageAsync(client, "/?lang=en", cookie: "ar", acceptLanguage: "tr"));
    }

    [Fact]
    public async Task TheLanguageSwitch_ListsEveryLanguageInItsOwnName_AndRemembersTheChoice()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var html = await client.GetStringAsync("/?lang=ar");
        foreach (var (code, name) in new[] { ("de", "Deutsch"), ("en", "English"), ("tr", "Türkçe"), ("uk", "Українська"), ("ar", "العربية") })
        {
            Assert.Matches($"<a href=\"/language\\?lang={code}&amp;returnUrl=[^\"]*\" hreflang=\"{code}\" lang=\"{code}\"[^>]*>{name}</a>", html);
        }

        Assert.Contains("aria-current=\"true\">العربية</a>", html, StringComparison.Ordinal);

        using var switched = await client.GetAsync("/language?lang=uk&returnUrl=%2F%3Flang%3Dar");
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
        Assert.Contains(".AspNetCore.Culture=c%3Duk%7Cuic%3Duk", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/offices?service=personalausweis&lang=tr", "tr")]
    [InlineData("/offices?service=personalausweis&culture=ar", "ar")]
    public async Task ALanguageChosenInTheAddress_RidesAlongInEveryLink(string path, string language)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var html = await client.GetStringAsync(path);

        var links = PageLink().Matches(html).Select(m => m.Groups[1].Value)
            .Where(l => !l.StartsWith("/language?", StringComparison.Ordinal) && !l.StartsWith("/css/", StringComparison.Ordinal) && !l.StartsWith("/favicon", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Contains($"lang={language}", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffPages_SpeakGerman_WhenTheChosenLanguageIsForCitizensOnly()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        Assert.Equal(("de", null), await HtmlLanguageAsync(client, "/staff/signin?lang=ar"));
        Assert.Equal(("de", null), await HtmlLanguageAsync(client, "/staff/signin", acceptLanguage: "tr"));
        Assert.Equal(("en", null), await HtmlLanguageAsync(client, "/staff/signin?lang=en"));
    }

    private static async Task<(string Language, string? Direction)> HtmlLanguageAsync(HttpClient client, string path, string? cookie = null, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{cookie}%7Cuic%3D{cookie}");
        }

        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var match = HtmlElement().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{path} has no <html lang>.");
        return (match.Groups["lang"].Value, match.Groups["dir"].Success ? match.Groups["dir"].Value : null);
    }

    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex PageLink();

    [GeneratedRegex("<html lang=\"(?<lang>[a-z]+)\"(?: dir=\"(?<dir>[a-z]+)\")?>")]
    private static partial Regex HtmlElement();
}
