using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// The citizen's journey in the city's other languages, in a German browser (de-DE) whose choice
/// the address overrides: booking in Turkish and in Arabic through the pages and the emailed link,
/// axe-core in all five languages, and the Arabic free-times page mirrored.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LanguagePagesTests(ChromiumFixture chromium)
{
    private const string Email = "aylin@example.org";

    /// <summary>What the pages say in one language, as a citizen reads it.</summary>
    public sealed record Texts(
        string Start, string NextToOffices, string ShowTimes, string Times, string Details, string Name,
        string EmailAddress, string Reserve, string Held, string Confirm, string Confirmed);

    private static readonly Dictionary<string, Texts> Journey = new()
    {
        ["tr"] = new(
            "Vatandaş bürosundan randevu alın", "İleri: şube seçin", "Boş saatleri göster", "Boş saatler", "Bilgileriniz", "Ad ve soyad",
            "E-posta adresi", "Saati ayırt", "Neredeyse bitti: lütfen e-posta ile onaylayın", "Randevuyu onayla", "Randevunuz kesinleşti"),
        ["ar"] = new(
            "حجز موعد في مكتب خدمة المواطنين", "التالي: اختيار المكاتب", "عرض الأوقات المتاحة", "الأوقات المتاحة", "بياناتك", "الاسم الأول واسم العائلة",
            "البريد الإلكتروني", "حجز الوقت مؤقتاً", "اقتربت من الانتهاء: يرجى التأكيد عبر البريد الإلكتروني", "تأكيد الموعد", "تم حجز موعدك بشكل نهائي"),
    };

    public static TheoryData<DatabaseProvider, string> Bookings() => new()
    {
        { DatabaseProvider.Sqlite, "tr" },
        { DatabaseProvider.Sqlite, "ar" },
        { DatabaseProvider.Postgres, "tr" },
        { DatabaseProvider.Postgres, "ar" },
    };

    [Theory]
    [MemberData(nameof(Bookings))]
    public async Task BookAndConfirm_ThroughThePages_InTheChosenLanguage(DatabaseProvider provider, string lang)
    {
        var say = Journey[lang];
        await using var app = await TestApp.StartWithKestrelAsync(provider);
        await using var citizen = await chromium.NewSessionAsync($"book-{lang}-{provider}", javaScript: false);
        var page = citizen.Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync(app.Url($"/?lang={lang}"));
        await ExpectLanguageAsync(page, lang);
        await Expect(h1).ToHaveTextAsync(say.Start);
        await citizen.ShotAsync("start");
        await page.Locator("#service-personalausweis").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = say.NextToOffices }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/offices\\?"));
        await ExpectLanguageAsync(page, lang);
        await page.Locator("#office-hauptbahnhof").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = say.ShowTimes }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/times\\?"));
        await ExpectLanguageAsync(page, lang);
        await Expect(h1).ToHaveTextAsync(say.Times);
        await citizen.ShotAsync("times");
        await page.Locator("ul.times a").First.ClickAsync();

        await Expect(h1).ToHaveTextAsync(say.Details);
        await ExpectLanguageAsync(page, lang);
        await page.GetByLabel(say.Name).FillAsync("Aylin Yılmaz");
        await page.GetByLabel(say.EmailAddress, new() { Exact = true }).FillAsync(Email);
        await Expect(page.Locator("#challenge")).ToContainTextAsync("15");
        app.Advance(NodaTime.Duration.FromSeconds(15));
        await citizen.ShotAsync("book-form");
        await page.GetByRole(AriaRole.Button, new() { Name = say.Reserve }).ClickAsync();

        await Expect(h1).ToHaveTextAsync(say.Held);
        await ExpectLanguageAsync(page, lang);
        await Expect(page.GetByRole(AriaRole.Status).Locator("strong bdi[dir=ltr]")).ToHaveTextAsync(new Regex("^[0-9]{2}:[0-9]{2}$"));
        await citizen.ShotAsync("held");
        var booking = await BookingOfAsync(app);
        Assert.Equal(BookingStatus.Held, booking.Status);
        Assert.Equal(lang, booking.Language);

        var request = Assert.Single(await app.DeliverMailAsync());
        await page.GotoAsync(app.Url("/dev/mailbox"));
        await page.GetByRole(AriaRole.Link, new() { Name = request.Subject }).ClickAsync();
        var confirmLink = page.Locator("pre.mail a[href*='/confirm/']");
        await Expect(confirmLink).ToHaveAttributeAsync("href", new Regex("^" + Regex.Escape(app.Url("/confirm/"))));
        await confirmLink.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/confirm/"));
        await ExpectLanguageAsync(page, lang);
        await Expect(h1).ToHaveTextAsync(say.Confirm);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Aylin Yılmaz");
        await Expect(page.Locator("dl.facts dd bdi[dir=ltr]").Last).ToHaveTextAsync(booking.Code);
        await citizen.ShotAsync("confirm-page");
        await page.GetByRole(AriaRole.Button, new() { Name = say.Confirm }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/appointment/[^/?]+\\?.*confirmed=true"));
        await ExpectLanguageAsync(page, lang);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(say.Confirmed);
        await citizen.ShotAsync("manage-confirmed");
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task TheBookingPages_PassAxe_InEveryLanguage()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        await using var citizen = await chromium.NewSessionAsync("axe-languages", javaScript: true);
        var page = citizen.Page;
        var axe = new AxeAudit();

        foreach (var lang in new[] { "de", "en", "tr", "uk", "ar" })
        {
            await page.GotoAsync(app.Url($"/?lang={lang}"));
            await ExpectLanguageAsync(page, lang);
            await axe.CheckAsync(page, $"start-{lang}");
            await page.GotoAsync(app.Url($"/offices?service=personalausweis&lang={lang}"));
            await axe.CheckAsync(page, $"offices-{lang}");
            await page.GotoAsync(app.Url($"/times?service=personalausweis&office=hauptbahnhof&office=bilk&lang={lang}"));
            await Expect(page.Locator("ul.times a").First).ToBeVisibleAsync();
            await axe.CheckAsync(page, $"times-{lang}");
            await page.Locator("ul.times a").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/book\\?"));
            await ExpectLanguageAsync(page, lang);
            await axe.CheckAsync(page, $"book-{lang}");
            await citizen.ShotAsync($"book-{lang}");
        }

        Assert.Equal(20, axe.PagesChecked);
        axe.AssertNoViolations();
    }

    [Fact]
    public async Task TheFreeTimesPage_IsMirroredInArabic()
    {
        await using var app = await TestApp.StartWithKestrelAsync(DatabaseProvider.Sqlite);
        await using var citizen = await chromium.NewSessionAsync("free-times-mirrored", javaScript: false);
        var page = citizen.Page;

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof&lang=ar"));
        await ExpectLanguageAsync(page, "ar");
        var (row, first, second) = await FirstTimesAsync(page);
        Assert.True(Math.Abs(row.X + row.Width - (first.X + first.Width)) < 2, $"The first time ends at {first.X + first.Width}, the row at {row.X + row.Width}.");
        Assert.True(first.X > second.X, "In Arabic the second time sits left of the first.");
        await citizen.ShotAsync("arabic");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSession.ScreenshotFolder, "free-times-arabic.png"), FullPage = true });

        await page.GotoAsync(app.Url("/times?service=personalausweis&office=hauptbahnhof&lang=de"));
        await ExpectLanguageAsync(page, "de");
        (row, first, second) = await FirstTimesAsync(page);
        Assert.True(Math.Abs(row.X - first.X) < 2, $"The first time starts at {first.X}, the row at {row.X}.");
        Assert.True(first.X < second.X, "In German the second time sits right of the first.");
        await citizen.ShotAsync("german");
    }

    private static async Task<(LocatorBoundingBoxResult Row, LocatorBoundingBoxResult First, LocatorBoundingBoxResult Second)> FirstTimesAsync(IPage page)
    {
        var row = page.Locator("section.office-times ul.times").First;
        await Expect(row.Locator("a.button").Nth(1)).ToBeVisibleAsync();
        return (
            (await row.BoundingBoxAsync())!,
            (await row.Locator("a.button").Nth(0).BoundingBoxAsync())!,
            (await row.Locator("a.button").Nth(1).BoundingBoxAsync())!);
    }

    private static async Task ExpectLanguageAsync(IPage page, string lang)
    {
        var html = page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("lang", lang);
        if (lang == "ar")
        {
            await Expect(html).ToHaveAttributeAsync("dir", "rtl");
        }
        else
        {
            await Expect(html).Not.ToHaveAttributeAsync("dir", new Regex("."));
        }
    }

    private static async Task<Booking> BookingOfAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.Bookings.AsNoTracking().Include(b => b.Slots).SingleAsync(b => b.Email == Email);
    }
}
