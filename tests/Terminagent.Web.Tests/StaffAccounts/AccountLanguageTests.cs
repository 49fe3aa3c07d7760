using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Localization;

namespace Terminagent.Web.Tests.StaffAccounts;

/// <summary>The account pages speak English when chosen and German for a language only citizens' pages have.</summary>
public sealed class AccountLanguageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pages_AreEnglishWithLangEn_AndGermanWithLangTr(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        var (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/accounts/new?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>Create an account</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Administrator <span class=\"hint\">– everything, accounts included</span>", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/accounts/new?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<h1>Neues Konto anlegen</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Administration <span class=\"hint\">– alles, auch die Konten</span>", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(admin, "/staff/accounts?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>Staff accounts</h1>", html, StringComparison.Ordinal);
    }
}
