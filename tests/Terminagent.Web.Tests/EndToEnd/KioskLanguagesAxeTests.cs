using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The kiosk's start screen in each of its five languages on the kiosk's screen: axe-core finds
/// nothing, the five language buttons fit (wrapping, never scrolling sideways), and Arabic is mirrored
/// (the first language and the first service at the right of their rows).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class KioskLanguagesAxeTests(ChromiumFixture chromium)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StartScreen_InEveryLanguage_PassesAxe_FitsItsButtons_AndMirrorsInArabic(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        var token = await KioskKit.IssueKioskAsync(app);
        await using var kiosk = await chromium.NewSessionAsync($"kiosk-languages-{provider}", javaScript: true);
        var page = kiosk.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await page.Context.AddCookiesAsync([new Cookie { Name = DeviceRegistry.CookieName(DeviceKind.Kiosk), Value = token, Url = app.Url("/") }]);
        var axe = new AxeAudit();

        foreach (var (code, heading) in new[]
        {
            ("de", "Terminmarke ziehen: Was ist Ihr Anliegen?"),
            ("en", "Draw a ticket: what do you need?"),
            ("tr", "Sıra numarası alın: Hangi işlem için geldiniz?"),
            ("uk", "Отримати номер у черзі: яка послуга Вам потрібна?"),
            ("ar", "سحب رقم انتظار: ما الخدمة التي تحتاجونها؟"),
        })
        {
            await page.GotoAsync(app.Url($"/kiosk/hauptbahnhof?lang={code}"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await Expect(page.Locator(".kiosk-language")).ToHaveCountAsync(5);
            await Expect(page.Locator($".kiosk-language[hreflang=\"{code}\"]")).ToHaveAttributeAsync("aria-current", "true");
            await kiosk.ShotAsync("start-" + code);
            await axe.CheckAsync(page, "start " + code);

            Assert.True(
                await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                $"{code}: the kiosk scrolls sideways.");
            foreach (var button in await page.Locator(".kiosk-language").AllAsync())
            {
                var box = (await button.BoundingBoxAsync())!;
                Assert.True(box.X >= 0 && box.X + box.Width <= 1280 && box.Height >= 64, $"{code}: a language button is cut off or too small: {box.X},{box.Width}x{box.Height}.");
            }

            var german = (await page.Locator(".kiosk-language[hreflang=\"de\"]").BoundingBoxAsync())!;
            var english = (await page.Locator(".kiosk-language[hreflang=\"en\"]").BoundingBoxAsync())!;
            var services = await page.Locator("button.kiosk-service").AllAsync();
            var first = (await services[0].BoundingBoxAsync())!;
            var second = (await services[1].BoundingBoxAsync())!;
            if (code == "ar")
            {
                Assert.True(german.X > english.X, "Arabic: the first language should stand at the right of the bar.");
                Assert.True(first.X > second.X, "Arabic: the first service should stand at the right of its row.");
            }
            else
            {
                Assert.True(german.X < english.X, $"{code}: the first language should stand at the left of the bar.");
                Assert.True(first.X < second.X, $"{code}: the first service should stand at the left of its row.");
            }
        }

        axe.AssertNoViolations();
    }
}
