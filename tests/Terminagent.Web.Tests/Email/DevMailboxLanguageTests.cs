using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Localization;

namespace Terminagent.Web.Tests.Email;

/// <summary>The development mailbox and the API reference speak English when chosen, German for a citizens-only language.</summary>
public sealed class DevMailboxLanguageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MailboxAndApiReference_AreEnglishWithLangEn_AndGermanWithLangTr(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();

        var (language, html) = await StaffPageLanguage.GetAsync(client, "/dev/mailbox?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>Mailbox (development)</h1>", html, StringComparison.Ordinal);
        Assert.Contains("No emails yet.", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(client, "/dev/mailbox?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<h1>Postfach (Entwicklung)</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Noch keine E-Mails.", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(client, "/api?lang=en");
        Assert.Equal("en", language);
        Assert.Contains("<h1>The appointments' JSON API</h1>", html, StringComparison.Ordinal);

        (language, html) = await StaffPageLanguage.GetAsync(client, "/api?lang=tr");
        Assert.Equal("de", language);
        Assert.Contains("<h1>Die JSON-API der Terminvergabe</h1>", html, StringComparison.Ordinal);
    }
}
