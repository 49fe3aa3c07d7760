using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Localization;

namespace Terminagent.Web.Tests.Administration;

/// <summary>The administration speaks English when chosen and German for a language only citizens' pages have.</summary>
public sealed class AdministrationLanguageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pages_AreEnglishWithLangEn_AndGermanWithLangTr(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        var (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/administration?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>Manage offices</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Closed days and public holidays", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/administration?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<h1>Standorte verwalten</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Schließtage und Feiertage", html, StringComparison.Ordinal);

        // The administrator's own sign-in is in the log: its kind and its group are named from the resources.
        (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/administration/audit?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<td>Signed in</td>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign-in and own password</option>", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/administration/audit?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<td>Angemeldet</td>", html, StringComparison.Ordinal);
        Assert.Contains(">Anmeldung und eigenes Passwort</option>", html, StringComparison.Ordinal);
    }
}
