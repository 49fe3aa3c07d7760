using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Localization;

namespace Terminagent.Web.Tests.Staff;

/// <summary>The staff area and the account service's messages speak English when chosen, German for a citizens-only language.</summary>
public sealed class StaffLanguageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pages_AreEnglishWithLangEn_AndGermanWithLangTr(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (clerk, login) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        var (language, html) = await StaffPageLanguage.GetAsync(clerk, "/staff?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>Staff area</h1>", html, StringComparison.Ordinal);
        Assert.Contains("(Clerk)", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(clerk, "/staff?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<h1>Mitarbeiterbereich</h1>", html, StringComparison.Ordinal);
        Assert.Contains("(Sachbearbeitung)", html, StringComparison.Ordinal);

        foreach (var (lang, message) in new[] { ("en", "The repetition does not match the new password."), ("tr", "Die Wiederholung stimmt nicht mit dem neuen Passwort überein.") })
        {
            using var refused = await Forms.PostAsync(clerk, $"/staff/password?lang={lang}", null,
                ("current", login.Password), ("new", "ein langer neuer Satz als Passwort"), ("repeat", "ein anderer Satz als Passwort"));
            Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }
}
