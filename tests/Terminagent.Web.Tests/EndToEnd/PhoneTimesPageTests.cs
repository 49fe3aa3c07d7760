using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The free-times page on a phone (390 × 844 CSS pixels): short enough to take in, a strip of days
/// that scrolls sideways in one row, several times to a row, and axe-core's WCAG 2.1 AA rules in
/// German and English. Before it showed one day at a time, the demo city's page was 8,149 px long.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PhoneTimesPageTests(ChromiumFixture chromium)
{
    private const int Width = 390;

    [Fact]
    public async Task TimesPage_OnAPhone_IsShort_ScrollsTheDaysSideways_AndPassesAxe()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        await using var phone = await chromium.NewSessionAsync("times-phone", javaScript: true);
        var page = phone.Page;
        await page.SetViewportSizeAsync(Width, 844);
        var axe = new AxeAudit();

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof&office=bilk"));
        await Expect(page.Locator("ul.times a").First).ToBeVisibleAsync();
        await phone.ShotAsync("de");
        await axe.CheckAsync(page, "times-de");
        await AssertFitsAPhoneAsync(page);

        var days = page.Locator("ul.day-strip a");
        Assert.True(await days.CountAsync() >= 10, "The demo city has free times on at least ten days.");
        await Expect(days.First).ToHaveAttributeAsync("aria-current", "date");
        // A day far along the strip: after the new page loads, its link is in view without JavaScript.
        var later = days.Nth(8);
        var laterDay = new Regex("day=(\\d{4}-\\d{2}-\\d{2})").Match(await later.GetAttributeAsync("href") ?? "").Groups[1].Value;
        await later.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"[?&]day={laterDay}(&[^#]*)?#day-{laterDay}$"));
        var current = page.Locator("ul.day-strip a[aria-current=date]");
        await Expect(current).ToHaveAttributeAsync("href", new Regex($"day={laterDay}"));
        await Expect(current).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator("ul.times a").First).ToBeVisibleAsync();
        await phone.ShotAsync("de-later-day");
        await axe.CheckAsync(page, "times-de-later-day");
        await AssertFitsAPhoneAsync(page);

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof&office=bilk&lang=en"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Book the earliest time" })).ToBeVisibleAsync();
        await phone.ShotAsync("en");
        await axe.CheckAsync(page, "times-en");
        await AssertFitsAPhoneAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Book the earliest time" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/book\\?"));
        await Expect(page.GetByLabel("Email address")).ToBeVisibleAsync();

        axe.AssertNoViolations();
    }

    private static async Task AssertFitsAPhoneAsync(IPage page)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height < 2_500, $"The page is {height} px long on a phone.");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Width, $"The page is {width} px wide on a {Width} px screen.");

        // The days stay in one row that scrolls sideways, rather than wrapping to many lines.
        var strip = await page.EvaluateAsync<int[]>(
            "() => { const s = document.querySelector('ul.day-strip'); const tops = [...s.children].map(li => li.offsetTop); return [s.scrollWidth, s.clientWidth, new Set(tops).size]; }");
        Assert.True(strip[0] > strip[1], $"The strip of days ({strip[0]} px) should scroll within its {strip[1]} px.");
        Assert.Equal(1, strip[2]);

        // Times sit several to a row.
        var perRow = await page.EvaluateAsync<int>(
            "() => { const items = [...document.querySelector('ul.times').children]; return items.filter(li => li.offsetTop === items[0].offsetTop).length; }");
        Assert.True(perRow >= 4, $"Only {perRow} times to a row.");
    }
}
