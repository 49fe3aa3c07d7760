using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Engine.Texts;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Infoline;

/// <summary>
/// The infoline speaks German or English to the agent, and writes the caller's emails in any
/// language the city offers: the agent picks it, the booking or wish keeps it.
/// </summary>
public sealed class InfolineLanguageTests
{
    private static readonly (string Code, string Name)[] FiveLanguages =
        [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("tr", "Türkçe"), ("uk", "Українська")];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_AreEnglishWhenChosen_AndGermanForACitizensOnlyLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);

        var english = await agent.Client.GetStringAsync("/infoline?lang=en");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Find free times</h1>", english, StringComparison.Ordinal);
        Assert.Contains(">Offers to phone out</a>", english, StringComparison.Ordinal);

        var german = await agent.Client.GetStringAsync("/infoline/offers?lang=tr");
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("<h1>Angebote zum Anrufen</h1>", german, StringComparison.Ordinal);
        Assert.Contains("Zurzeit ist kein Angebot anzurufen.", german, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EmailLanguage_OffersEveryLanguage_AndTheBookingAndWishKeepTurkish(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await InfolineKit.SignInAsync(app);
        var time = await agent.FreeTimeAsync();
        var path = InfolineKit.BookPath(time);

        AssertOffersEveryLanguage(await agent.Client.GetStringAsync(path));
        AssertOffersEveryLanguage(await agent.Client.GetStringAsync($"/infoline/wish?service={InfolineKit.Service}"));

        var booked = await Forms.PostAsync(agent.Client, path, path,
            ("name", "Ayşe Arayan"), ("email", "ayse@example.org"), ("phone", ""), ("emaillanguage", "tr"));
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var wished = await Forms.PostAsync(agent.Client, $"/infoline/wish?service={InfolineKit.Service}", "/infoline/wish",
            ("service", InfolineKit.Service), ("office", InfolineKit.Office), ("day", "1"), ("from-1", "08:00"), ("to-1", "18:00"),
            ("name", "Mehmet Arayan"), ("phone", "0211 654321"), ("email", ""), ("emaillanguage", "tr"));
        Assert.Equal(HttpStatusCode.OK, wished.StatusCode);
        var unknown = await Forms.PostAsync(agent.Client, $"/infoline/wish?service={InfolineKit.Service}", "/infoline/wish",
            ("service", InfolineKit.Service), ("office", InfolineKit.Office), ("day", "2"), ("from-2", "08:00"), ("to-2", "18:00"),
            ("name", "Xaver Arayan"), ("phone", "0211 111111"), ("email", ""), ("emaillanguage", "xx"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);

        await using var db = app.NewDb();
        Assert.Equal("tr", (await db.Bookings.AsNoTracking().SingleAsync(b => b.Name == "Ayşe Arayan")).Language);
        Assert.Equal("tr", (await db.Wishes.AsNoTracking().SingleAsync(w => w.Name == "Mehmet Arayan")).Language);
        Assert.Equal(Languages.German, (await db.Wishes.AsNoTracking().SingleAsync(w => w.Name == "Xaver Arayan")).Language);
    }

    private static void AssertOffersEveryLanguage(string html)
    {
        var select = Regex.Match(html, "<select id=\"emaillanguage\" name=\"emaillanguage\">(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, "The form has no email language.");
        var options = Regex.Matches(select.Groups[1].Value, "<option value=\"([a-z]+)\"( selected=\"selected\")? lang=\"([a-z]+)\">([^<]+)</option>");
        Assert.Equal(FiveLanguages, options.Select(o => (o.Groups[1].Value, o.Groups[4].Value)));
        Assert.All(options, o => Assert.Equal(o.Groups[1].Value, o.Groups[3].Value));
        Assert.Equal("de", Assert.Single(options, o => o.Groups[2].Success).Groups[1].Value);
    }
}
