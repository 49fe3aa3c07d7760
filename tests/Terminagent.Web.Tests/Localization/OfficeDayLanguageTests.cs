using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Terminagent.Testing.CounterKit;
using static Terminagent.Web.Tests.Privacy.PrivacyKit;

namespace Terminagent.Web.Tests.Localization;

/// <summary>
/// The kiosk, the call display and the "my data" pages speak Turkish, Ukrainian and Arabic (Arabic
/// right to left); a ticket keeps the language it was drawn in. The device pages are for staff:
/// German or English.
/// </summary>
public sealed class OfficeDayLanguageTests
{
    private static readonly (string Code, string Start, string Ticket, string Done, string Expected)[] KioskLanguages =
    [
        ("tr", "Sıra numarası alın: Hangi işlem için geldiniz?", "Sıra numaranız", "Bitti", "tahminen saat <bdi dir=\"ltr\">"),
        ("uk", "Отримати номер у черзі: яка послуга Вам потрібна?", "Ваш номер у черзі", "Готово", "орієнтовно о <bdi dir=\"ltr\">"),
        ("ar", "سحب رقم انتظار: ما الخدمة التي تحتاجونها؟", "رقم انتظاركم", "تم", "الساعة <bdi dir=\"ltr\">"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kiosk_SpeaksEachLanguage_AndTheTicketKeepsIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var browser = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));

        foreach (var (code, start, ticketHeading, done, expected) in KioskLanguages)
        {
            var page = await browser.GetStringAsync($"/kiosk/hauptbahnhof?lang={code}");
            Assert.Contains(code == "ar" ? "<html lang=\"ar\" dir=\"rtl\">" : $"<html lang=\"{code}\">", page, StringComparison.Ordinal);
            Assert.Contains($"<h1>{start}</h1>", page, StringComparison.Ordinal);
            foreach (var (other, name) in new[] { ("de", "Deutsch"), ("en", "English"), ("tr", "Türkçe"), ("uk", "Українська"), ("ar", "العربية") })
            {
                var direction = other == "ar" ? "rtl" : "ltr";
                var current = other == code ? " aria-current=\"true\"" : "";
                Assert.Contains(
                    $"href=\"/kiosk/hauptbahnhof?lang={other}\" lang=\"{other}\" hreflang=\"{other}\" dir=\"{direction}\"{current}>{name}</a>",
                    page,
                    StringComparison.Ordinal);
            }

            using var drawn = await Forms.PostAsync(browser, $"/kiosk/hauptbahnhof?lang={code}", null, ("service", KioskKit.ShortService));
            var ticketPath = drawn.Headers.Location!.OriginalString;
            Assert.EndsWith($"?lang={code}", ticketPath, StringComparison.Ordinal);
            var ticket = await browser.GetStringAsync(ticketPath);
            Assert.Contains($">{ticketHeading}</h1>", ticket, StringComparison.Ordinal);
            Assert.Contains(expected, ticket, StringComparison.Ordinal);
            Assert.Contains($"href=\"/kiosk/hauptbahnhof\">{done}</a>", ticket, StringComparison.Ordinal);
        }

        await using var db = app.NewDb();
        Assert.Equal(["tr", "uk", "ar"], await db.Tickets.OrderBy(t => t.Number).Select(t => t.Language).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallDisplay_NamesTheCounterInTurkishAndArabic_AndTheStreamKeepsTheLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await KioskKit.IssueKioskAsync(app, kind: DeviceKind.CallDisplay);
        using var display = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        display.DefaultRequestHeaders.Add("Cookie", $"{DeviceRegistry.CookieName(DeviceKind.CallDisplay)}={token}");
        await TicketVisitsAsync(app, 1);
        await CallNextAsync(app, 1);

        var turkish = await display.GetStringAsync("/display/hauptbahnhof?lang=tr");
        var arabic = await display.GetStringAsync("/display/hauptbahnhof?lang=ar");

        Assert.Contains("<html lang=\"tr\">", turkish, StringComparison.Ordinal);
        Assert.Contains("<span class=\"counter\">Gişe 1</span>", turkish, StringComparison.Ordinal);
        Assert.Contains("Daha önce çağrılanlar", turkish, StringComparison.Ordinal);
        Assert.Contains("data-events=\"/display/hauptbahnhof/events?lang=tr\"", turkish, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic, StringComparison.Ordinal);
        Assert.Contains("<span class=\"counter\">الشباك 1</span>", arabic, StringComparison.Ordinal);
        Assert.Contains("data-events=\"/display/hauptbahnhof/events?lang=ar\"", arabic, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MyData_AndErase_SpeakEachLanguage_TheApiAsTheClientAsks(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (_, manage) = await BookAsync(kit, Wednesday9, "Ayşe Yılmaz", "ayse@example.org");
        using var client = app.CreateClient();

        foreach (var (code, myData, erase, status) in new[]
        {
            ("tr", "Verilerim", "Verilerimi sil", "alındı"),
            ("uk", "Мої дані", "Видалити мої дані", "заброньовано"),
            ("ar", "بياناتي", "حذف بياناتي", "محجوز"),
        })
        {
            var opened = await client.GetStringAsync($"/my-data/{manage}?lang={code}");
            Assert.Contains(code == "ar" ? "<html lang=\"ar\" dir=\"rtl\">" : $"<html lang=\"{code}\">", opened, StringComparison.Ordinal);
            Assert.Contains($"<h1>{myData}</h1>", opened, StringComparison.Ordinal);

            using var shown = await Forms.PostAsync(client, $"/my-data/{manage}?lang={code}", $"/my-data/{manage}?handler=show&lang={code}");
            var html = await shown.Content.ReadAsStringAsync();
            Assert.Contains("<bdi dir=\"ltr\">ayse@example.org</bdi>", html, StringComparison.Ordinal);
            Assert.Contains($"<dd>{status}</dd>", html, StringComparison.Ordinal);

            Assert.Contains($"<h1>{erase}</h1>", await client.GetStringAsync($"/my-data/{manage}/erase?lang={code}"), StringComparison.Ordinal);
        }

        using var wrong = await client.GetAsync($"/my-data/{new string('x', 43)}?lang=uk");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("Це посилання недійсне.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var erased = new HttpRequestMessage(HttpMethod.Get, "/my-data/erased");
        erased.Headers.Add("Accept-Language", "tr-TR,tr;q=0.9");
        using var erasedPage = await client.SendAsync(erased);
        var erasedHtml = await erasedPage.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"tr\">", erasedHtml, StringComparison.Ordinal);
        Assert.Contains("<h1>Verileriniz silindi</h1>", erasedHtml, StringComparison.Ordinal);

        using var api = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/export") { Content = JsonContent.Create(new { token = new string('x', 43) }) };
        api.Headers.Add("Accept-Language", "ar");
        using var refused = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("الرابط غير صالح", problem.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("هذا الرابط غير صالح.", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DevicePages_AreGermanForACitizensOnlyLanguage_AndEnglishWhenChosen(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, KioskKit.Office);

        var turkish = await manager.GetStringAsync($"/staff/devices/{KioskKit.Office}?lang=tr");
        var english = await manager.GetStringAsync($"/staff/devices/{KioskKit.Office}?lang=en");

        Assert.Contains("<html lang=\"de\">", turkish, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"issue-title\">Neues Gerät ausgeben</h2>", turkish, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"issue-title\">Issue a new device</h2>", english, StringComparison.Ordinal);
    }
}
