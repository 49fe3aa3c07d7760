using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Texts;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Localization;

/// <summary>
/// The wish and offer pages and the agent's emails in Turkish, Ukrainian and Arabic: a wish left in
/// Ukrainian is written to in Ukrainian with links that keep the language, and every page answers
/// in the language asked for, Arabic right to left.
/// </summary>
public sealed partial class AgentPagesLanguageTests
{
    private const string Anna = "anna@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishAndOfferPages_AndTheAgentsEmails_SpeakTheCitizensLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);

        var choose = await PageAsync(client, "/wish?lang=tr");
        Assert.Equal(("tr", null), choose.Html);
        Assert.Contains("<h1>Randevu talebi bırakın</h1>", choose.Body, StringComparison.Ordinal);
        Assert.Contains("Hangi hizmete ihtiyacınız var?", choose.Body, StringComparison.Ordinal);

        var form = await PageAsync(client, "/wish?service=personalausweis&lang=uk");
        Assert.Equal(("uk", null), form.Html);
        Assert.Contains(">Ім’я та прізвище</label>", form.Body, StringComparison.Ordinal);
        Assert.Contains($">{TimeFormat.DayName(IsoDayOfWeek.Monday, "uk")}</label>", form.Body, StringComparison.Ordinal);
        Assert.Contains(">З (проміжок 1)</label>", form.Body, StringComparison.Ordinal);

        var arabicForm = await PageAsync(client, "/wish?service=personalausweis&lang=ar");
        Assert.Equal(("ar", "rtl"), arabicForm.Html);
        Assert.Contains(">الاسم الأول واسم العائلة</label>", arabicForm.Body, StringComparison.Ordinal);

        using (var created = await client.PostAsJsonAsync("/api/v1/wishes", new
        {
            serviceId = Scenario.Service,
            officeIds = new[] { Scenario.Office },
            weekdays = new[] { 1, 2, 3, 4, 5 },
            windows = new[] { new { from = "08:00", to = "18:00" } },
            name = "Anna Beispiel",
            email = Anna,
            language = "uk",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var request = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Будь ласка, підтвердіть: запит на запис ", request.Subject, StringComparison.Ordinal);
        Assert.Contains("Добрий день, Anna Beispiel!", request.TextBody, StringComparison.Ordinal);
        var confirmToken = mail.TokenIn(request, "/wish/confirm/");
        Assert.Contains($"http://localhost/wish/confirm/{confirmToken}?lang=uk", request.TextBody, StringComparison.Ordinal);

        var confirmPage = await PageAsync(client, $"/wish/confirm/{confirmToken}?lang=ar");
        Assert.Equal(("ar", "rtl"), confirmPage.Html);
        Assert.Contains("<h1>تأكيد طلب الموعد</h1>", confirmPage.Body, StringComparison.Ordinal);
        Assert.Contains("<bdi dir=\"ltr\">08:00–18:00</bdi>", confirmPage.Body, StringComparison.Ordinal);

        string manageToken;
        using (var confirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = confirmToken }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            manageToken = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString()!;
        }

        var queued = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Запит на запис підтверджено: ", queued.Subject, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/wish/{manageToken}?lang=uk", queued.TextBody, StringComparison.Ordinal);

        var manage = await PageAsync(client, $"/wish/{manageToken}?lang=uk");
        Assert.Equal(("uk", null), manage.Html);
        Assert.Contains("<h1>Ваш запит на запис</h1>", manage.Body, StringComparison.Ordinal);
        Assert.Contains("У черзі: щойно звільниться", manage.Body, StringComparison.Ordinal);
        Assert.Contains("Перед Вами немає нікого", manage.Body, StringComparison.Ordinal);
        var turkishManage = await PageAsync(client, $"/wish/{manageToken}?lang=tr");
        Assert.Contains("<h1>Randevu talebiniz</h1>", turkishManage.Body, StringComparison.Ordinal);
        Assert.Contains("Sırada: Uygun bir randevu", turkishManage.Body, StringComparison.Ordinal);

        var cancelled = await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        Assert.True(cancelled.Succeeded, cancelled.Failure?.ToString());
        var offer = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Пропозиція запису: ", offer.Subject, StringComparison.Ordinal);
        Assert.Contains("Будь ласка, прийміть або відхиліть пропозицію до ", offer.TextBody, StringComparison.Ordinal);
        var offerToken = mail.TokenIn(offer, "/offer/");
        Assert.Contains($"http://localhost/offer/{offerToken}?lang=uk", offer.TextBody, StringComparison.Ordinal);

        foreach (var (language, direction, title, accept) in new[]
        {
            ("tr", (string?)null, "Randevu teklifiniz", "Randevuyu kabul et"),
            ("uk", null, "Ваша пропозиція запису", "Прийняти запис"),
            ("ar", "rtl", "عرض الموعد الخاص بكم", "قبول الموعد"),
        })
        {
            var page = await PageAsync(client, $"/offer/{offerToken}?lang={language}");
            Assert.Equal((language, direction), page.Html);
            Assert.Contains($"<h1>{title}</h1>", page.Body, StringComparison.Ordinal);
            Assert.Contains($">{accept}</button>", page.Body, StringComparison.Ordinal);
        }

        var arabicOffer = await PageAsync(client, $"/offer/{offerToken}?lang=ar");
        Assert.Matches("<dd><bdi dir=\"ltr\">[0-9]{2}:[0-9]{2}</bdi></dd>", arabicOffer.Body);

        var refused = await PageAsync(client, "/offer/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=ar", expected: HttpStatusCode.NotFound);
        Assert.Contains("هذا الرابط غير صالح", refused.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheWishForm_FollowsTheBrowsersLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();

        var page = await PageAsync(client, "/wish?service=personalausweis", acceptLanguage: "tr-TR,tr;q=0.9,de;q=0.5");

        Assert.Equal(("tr", null), page.Html);
        Assert.Contains("<h1>Randevu talebi bırakın</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains(">Randevu talebini bırak</button>", page.Body, StringComparison.Ordinal);
    }

    private static async Task<((string Language, string? Direction) Html, string Body)> PageAsync(
        HttpClient client, string path, string? acceptLanguage = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        // Decoded, so that a text reads the same whichever characters the encoder chose to escape.
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode}");
        var match = HtmlElement().Match(body);
        Assert.True(match.Success, $"{path} has no <html lang>.");
        return ((match.Groups["lang"].Value, match.Groups["dir"].Success ? match.Groups["dir"].Value : null), body);
    }

    [GeneratedRegex("<html lang=\"(?<lang>[a-z]+)\"(?: dir=\"(?<dir>[a-z]+)\")?>")]
    private static partial Regex HtmlElement();
}
