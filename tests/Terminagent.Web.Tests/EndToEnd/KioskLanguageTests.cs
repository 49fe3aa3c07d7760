using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The kiosk's language switch marks the language on screen: aria-current for screen readers, and
/// for the eye a button that stands out from the bar, its text readable (WCAG AA contrast) on both.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class KioskLanguageTests(ChromiumFixture chromium)
{
    /// <summary>The WCAG contrast ratio of two computed colours (rgb() or rgba() with full alpha).</summary>
    private const string Contrast = """
        (a, b) => {
            const lum = c => {
                const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05);
        }
        """;

    [Fact]
    public async Task CurrentLanguage_IsMarked_AndStandsOutFromTheBar()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        var token = await KioskKit.IssueKioskAsync(app);
        await using var kiosk = await chromium.NewSessionAsync("kiosk-language", javaScript: true);
        var page = kiosk.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await page.Context.AddCookiesAsync([new Cookie { Name = DeviceRegistry.CookieName(DeviceKind.Kiosk), Value = token, Url = app.Url("/") }]);

        foreach (var (path, current, other) in new[] { ("/kiosk/hauptbahnhof", "Deutsch", "English"), ("/kiosk/hauptbahnhof?lang=en", "English", "Deutsch") })
        {
            await page.GotoAsync(app.Url(path));
            var active = page.GetByRole(AriaRole.Link, new() { Name = current });
            var inactive = page.GetByRole(AriaRole.Link, new() { Name = other });
            await Expect(active).ToHaveAttributeAsync("aria-current", "true");
            await Expect(inactive).Not.ToHaveAttributeAsync("aria-current", "true");
            await page.Mouse.MoveAsync(0, 700);
            await kiosk.ShotAsync("language-" + current);

            var bar = await page.Locator(".kiosk-bar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
            var (activeText, activeBack) = await ColoursAsync(active);
            var (inactiveText, inactiveBack) = await ColoursAsync(inactive);

            // The current language is filled: its colour against the bar's is a visible difference (3:1 for a state).
            Assert.True(await RatioAsync(page, activeBack, bar) >= 3, $"{current}: the current language ({activeBack}) hardly differs from the bar ({bar}).");
            Assert.True(await RatioAsync(page, activeText, activeBack) >= 4.5, $"{current}: text {activeText} on {activeBack}.");

            // The other is drawn on the bar itself (transparent), its text readable there.
            var otherBack = inactiveBack == "rgba(0, 0, 0, 0)" ? bar : inactiveBack;
            Assert.True(await RatioAsync(page, inactiveText, otherBack) >= 4.5, $"{other}: text {inactiveText} on {otherBack}.");
            Assert.NotEqual(activeBack, otherBack);
        }
    }

    private static async Task<(string Text, string Back)> ColoursAsync(ILocator link)
    {
        var colours = await link.EvaluateAsync<string[]>("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]");
        return (colours[0], colours[1]);
    }

    private static Task<double> RatioAsync(IPage page, string a, string b) =>
        page.EvaluateAsync<double>($"([a, b]) => ({Contrast})(a, b)", new[] { a, b });
}
