using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// /api renders the served OpenAPI document with Scalar, from this app alone (no request leaves
/// it, nothing breaks the page's Content-Security-Policy), in German and English, and axe passes.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ApiReferencePagesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ApiPage_RendersTheReference_FromThisAppAlone()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        await using var developer = await chromium.NewSessionAsync("api-reference", javaScript: true);
        var page = developer.Page;
        var axe = new AxeAudit();
        var elsewhere = new List<string>();
        var complaints = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            // The browser asks for /favicon.ico on its own; the app has none.
            if ((message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                complaints.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => complaints.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                complaints.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(app.Url("/api"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToHaveTextAsync("Die JSON-API der Terminvergabe");
        await ShowTheBookingsAsync(page);
        await developer.ShotAsync("de");
        await axe.CheckAsync(page, "API reference, German");

        await page.GotoAsync(app.Url("/api?lang=en"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToHaveTextAsync("The appointments' JSON API");
        await ShowTheBookingsAsync(page);
        await developer.ShotAsync("en");
        await axe.CheckAsync(page, "API reference, English");

        Assert.Empty(elsewhere);
        Assert.True(complaints.Count == 0, string.Join(Environment.NewLine, complaints));
        axe.AssertNoViolations();
    }

    /// <summary>As a developer would: the booking group from the reference's navigation, and its operations listed.</summary>
    private static async Task ShowTheBookingsAsync(IPage page)
    {
        var reference = page.Locator("#reference");
        await reference.GetByRole(AriaRole.Link, new() { Name = "Booking", Exact = true }).First.ClickAsync();
        await Expect(reference.GetByRole(AriaRole.Link, new() { Name = "post /api/v1/bookings/confirm" }).First).ToBeVisibleAsync();
    }
}
