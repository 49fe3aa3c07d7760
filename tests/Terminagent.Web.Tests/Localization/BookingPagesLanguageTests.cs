using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Localization;

/// <summary>
/// The citizen's booking journey in Turkish, Ukrainian and Arabic: every step's heading in the
/// chosen language, Arabic right to left with its times and booking code kept left to right, and
/// the browser's <c>Accept-Language</c> honoured when the address names no language.
/// </summary>
public sealed class BookingPagesLanguageTests
{
    private static readonly HtmlParser Parser = new();

    public static TheoryData<DatabaseProvider, string, string[]> Journeys()
    {
        var data = new TheoryData<DatabaseProvider, string, string[]>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            // Headings of: start, offices, times, book, appointment, a missing page.
            data.Add(provider, "tr", ["Vatandaş bürosundan randevu alın", "Hangi şubeye gitmek istersiniz?", "Boş saatler", "Bilgileriniz", "Randevunuz", "Sayfa bulunamadı"]);
            data.Add(provider, "uk", ["Запис на прийом до центру обслуговування", "Куди Ви хочете прийти?", "Вільний час", "Ваші дані", "Ваш запис", "Сторінку не знайдено"]);
            data.Add(provider, "ar", ["حجز موعد في مكتب خدمة المواطنين", "إلى أين تود الذهاب؟", "الأوقات المتاحة", "بياناتك", "موعدك", "الصفحة غير موجودة"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task EveryStep_SpeaksTheChosenLanguage(DatabaseProvider provider, string lang, string[] headings)
    {
        await using var app = await TestApp.StartAsync(provider);
        var booked = await Scenario.BookAndConfirmAsync(app, Scenario.Office);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var start = await PageAsync(client, $"/?lang={lang}", lang);
        Assert.Equal(headings[0], Heading(start));

        var offices = await PageAsync(client, $"/offices?service={Scenario.Service}&lang={lang}", lang);
        Assert.Equal(headings[1], Heading(offices));

        var times = await PageAsync(client, $"/times?service={Scenario.Service}&office={Scenario.Office}&lang={lang}", lang);
        Assert.Equal(headings[2], Heading(times));
        var firstTime = times.QuerySelector("section.office-times ul.times a.button")!;
        Assert.Equal("ltr", firstTime.QuerySelector("bdi")?.GetAttribute("dir"));

        var book = await PageAsync(client, WebUtility.HtmlDecode(firstTime.GetAttribute("href")!), lang);
        Assert.Equal(headings[3], Heading(book));

        var appointment = await PageAsync(client, $"/appointment/{booked.Token}?lang={lang}", lang);
        Assert.Equal(headings[4], Heading(appointment));
        var code = appointment.QuerySelectorAll("dl.facts dd bdi[dir=ltr]").Select(b => b.TextContent).ToList();
        Assert.Equal(2, code.Count);
        Assert.Matches("^[0-9]{2}:[0-9]{2}$", code[0]);
        Assert.Equal((await Scenario.BookingAsync(app, booked.BookingId)).Code, code[1]);

        var missing = await PageAsync(client, $"/no-such-page?lang={lang}", lang, HttpStatusCode.NotFound);
        Assert.Equal(headings[5], Heading(missing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AcceptLanguage_ChoosesTurkish_WhenTheAddressNamesNoLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Accept-Language", "tr-TR,tr;q=0.9,de;q=0.5");

        var times = await PageAsync(client, $"/times?service={Scenario.Service}&office={Scenario.Office}", "tr");

        Assert.Equal("Boş saatler", Heading(times));
        Assert.Equal("Adım 3 / 4", times.QuerySelector("p.hint")?.TextContent);
        Assert.Equal("Wo möchten Sie hingehen?", Heading(await PageAsync(client, $"/offices?service={Scenario.Service}&lang=de", "de")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheApisProblems_SpeakTheAskedLanguage_AndEnglishWhenNoneIsAsked(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        Assert.Equal(("Unknown service", "There is no service 'nope'."), await ProblemAsync(client, "/api/v1/services/nope/free-times", null));
        Assert.Equal(("Bilinmeyen hizmet", "'nope' diye bir hizmet yok."), await ProblemAsync(client, "/api/v1/services/nope/free-times", "tr"));
        Assert.Equal(("خدمة غير معروفة", "لا توجد خدمة باسم 'nope'."), await ProblemAsync(client, "/api/v1/services/nope/free-times?lang=ar", null));
        Assert.Equal(
            ("Посилання недійсне", "Це посилання недійсне. Будь ласка, використайте повне посилання з Вашого листа."),
            await ProblemAsync(client, "/api/v1/bookings/not-a-token", "uk"));
    }

    private static async Task<(string? Title, string? Detail)> ProblemAsync(HttpClient client, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path, string lang, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode}");
        var page = Parser.ParseDocument(html);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(lang == "ar" ? "rtl" : null, page.DocumentElement.GetAttribute("dir"));
        return page;
    }

    private static string Heading(IHtmlDocument page) => page.QuerySelector("h1")?.TextContent.Trim() ?? "";
}
