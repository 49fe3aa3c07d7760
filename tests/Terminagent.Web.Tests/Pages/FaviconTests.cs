using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;

namespace Terminagent.Web.Tests.Pages;

/// <summary>Every layout links the site's icon; the icon and /favicon.ico, which browsers ask for on their own, answer with a picture.</summary>
public sealed partial class FaviconTests
{
    [Fact]
    public async Task FaviconIco_LeadsToTheIcon_WhichIsAnSvgKeptForAYear()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        var target = ico.Headers.Location!.OriginalString;
        Assert.Matches("^/favicon\\.svg\\?v=[A-Za-z0-9_-]+$", target);

        using var icon = await client.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), icon.Headers.CacheControl?.MaxAge);
        Assert.Contains("<svg", await icon.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var followed = await app.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.StartsWith("image/", followed.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryLayout_LinksTheIcon_AndTheLinkAnswers()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (staff, _) = await StaffSessions.SignedInAsync(app, Domain.Staff.StaffRole.Clerk, "hauptbahnhof");
        using var kiosk = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));
        using var citizen = app.CreateClient();
        (string Layout, HttpClient Client, string Path)[] pages =
        [
            ("citizen", citizen, "/"),
            ("staff", staff, "/counter/hauptbahnhof/1"),
            ("kiosk", kiosk, "/kiosk/hauptbahnhof"),
            ("call display", staff, "/display/hauptbahnhof"),
            ("error page", citizen, "/no-such-page"),
        ];
        foreach (var (layout, client, path) in pages)
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            var link = IconLink().Match(html);
            Assert.True(link.Success, $"The {layout} layout ({path}) links no icon.");

            using var icon = await citizen.GetAsync(WebUtility.HtmlDecode(link.Groups[1].Value));
            Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
            Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex("<link rel=\"icon\" href=\"([^\"]+)\" type=\"image/svg\\+xml\">")]
    private static partial Regex IconLink();
}
