using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Statistics;

/// <summary>The statistics speak German or English, with numbers in that language's way; a language only citizens read gives German.</summary>
public sealed class StatisticsLanguageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Page_IsEnglishWhenChosen_AndGermanForACitizensOnlyLanguage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        var english = await client.GetStringAsync("/staff/statistics?from=2026-01-01&to=2026-12-31&lang=en");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Statistics</h1>", english, StringComparison.Ordinal);
        Assert.Contains("365 days, charts per week", english, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Week</th>", english, StringComparison.Ordinal);

        var german = await client.GetStringAsync("/staff/statistics?from=2026-01-01&to=2026-12-31&lang=tr");
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("<h1>Statistik</h1>", german, StringComparison.Ordinal);
        Assert.Contains("365 Tage, Diagramme pro Woche", german, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Woche</th>", german, StringComparison.Ordinal);
    }
}
