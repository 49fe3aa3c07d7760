using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Counter;

/// <summary>The counter speaks German or English to the clerk; a language only citizens read gives German.</summary>
public sealed class CounterLanguageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_AreEnglishWhenChosen_AndGermanForACitizensOnlyLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        var english = await client.GetStringAsync("/counter/hauptbahnhof/1?lang=en");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"current-heading\">Call at this counter</h2>", english, StringComparison.Ordinal);
        Assert.Contains("No open call.", english, StringComparison.Ordinal);

        var german = await client.GetStringAsync("/counter/hauptbahnhof?lang=tr");
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("<h1>Schalter wählen</h1>", german, StringComparison.Ordinal);
        Assert.Contains("kein offener Aufruf", german, StringComparison.Ordinal);
    }
}
