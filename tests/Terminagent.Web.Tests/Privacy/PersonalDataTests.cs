using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Statistics;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.Privacy.PrivacyKit;

namespace Terminagent.Web.Tests.Privacy;

/// <summary>
/// Where personal data lives, and that erasure and retention leave none of it anywhere, while the
/// statistics keep counting the same appointments.
/// </summary>
public sealed class PersonalDataTests
{
    private static readonly string[] Markers = ["Quellenbach", "zora.q@example.org", "555 0199"];

    [Fact]
    public async Task EveryTextColumn_IsPlaced_AsPersonalOrNot()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await using var db = app.NewDb();
        var columns = TextColumns(db).Where(c => !PersonalData.StaffTables.Contains(c.Table)).Select(c => $"{c.Table}.{c.Column}").ToList();
        var personal = PersonalData.CitizenColumns.SelectMany(t => t.Value.Select(c => $"{t.Key}.{c}")).ToList();

        var unplaced = columns.Except(personal).Except(PersonalData.WithoutPersonalData.Keys).ToList();
        var stale = personal.Concat(PersonalData.WithoutPersonalData.Keys).Except(columns).ToList();

        Assert.True(unplaced.Count == 0, "Place these columns in PersonalData (and make retention and erasure clear them if personal): " + string.Join(", ", unplaced));
        Assert.True(stale.Count == 0, "PersonalData names columns the model no longer has: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasure_LeavesNoTraceInAnyTable(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (_, manage) = await CitizenEverywhereAsync(kit);
        Assert.NotEmpty(await TracesAsync(app, Markers));
        using var client = app.CreateClient();

        using var erased = await client.PostAsJsonAsync("/api/v1/privacy/erase", new { token = manage });
        await app.DeliverMailAsync();

        erased.EnsureSuccessStatusCode();
        Assert.Empty(await TracesAsync(app, Markers));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retention_LeavesNoTraceInAnyTable_OnceEverythingHasEnded(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (wish, _) = await CitizenEverywhereAsync(kit);
        await kit.WishesAsync(w => w.WithdrawAsync(kit.Links[(Domain.Links.LinkPurpose.ManageWish, wish)], default));
        await app.DeliverMailAsync();

        app.Advance(Duration.FromDays(60));
        await app.InScopeAsync(sp => sp.GetRequiredService<Retention>().PurgeAsync(app.Now, default));

        Assert.Empty(await TracesAsync(app, Markers));
        await using var db = app.NewDb();
        Assert.Empty(db.LinkTokens);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Statistics_HoldNoPersonalData_AndCountTheSameAfterAnErasure(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var today = AgentKit.AtBerlin(2026, 11, 30, 11);
        await BookAsync(kit, today, "Zora Quellenbach", "zora.q@example.org", "0211 555 0199");
        await BookAsync(kit, today + Duration.FromMinutes(15), "Otto Other", "otto@example.org");
        var (_, manage) = await BookAsync(kit, Wednesday9, "Zora Quellenbach", "zora.q@example.org", "0211 555 0199");
        await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Thursday]), "zora.q@example.org");
        app.Advance(Duration.FromDays(1));
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var past = new StatisticsPeriod(new LocalDate(2026, 11, 30), new LocalDate(2026, 11, 30), AgentKit.Berlin);
        var coming = new StatisticsPeriod(new LocalDate(2026, 12, 2), new LocalDate(2026, 12, 2), AgentKit.Berlin);
        var pastBefore = await ReportAsync(app, past);
        var comingBefore = await ReportAsync(app, coming);

        using var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/privacy/erase", new { token = manage })).EnsureSuccessStatusCode();

        var pastAfter = await ReportAsync(app, past);
        var comingAfter = await ReportAsync(app, coming);
        Assert.Equal((2, 0), (pastBefore.Buckets[0].BookedOnline, pastBefore.Buckets[0].Cancelled));
        Assert.Equal(Figures(pastBefore), Figures(pastAfter));

        // The erased person's coming appointment counts as a cancellation, as if they had pressed "cancel".
        Assert.Equal((1, 0), (comingBefore.Buckets[0].BookedOnline, comingBefore.Buckets[0].Cancelled));
        Assert.Equal((0, 1), (comingAfter.Buckets[0].BookedOnline, comingAfter.Buckets[0].Cancelled));
        Assert.Equal(1, pastAfter.WishesRegistered);

        var texts = new List<string> { await admin.GetStringAsync("/staff/statistics?from=2026-11-30&to=2026-12-02") };
        foreach (var table in StatisticsTables.Names)
        {
            texts.Add(await admin.GetStringAsync($"/staff/statistics/export/{table}.csv?from=2026-11-30&to=2026-12-02"));
        }

        foreach (var text in texts)
        {
            foreach (var marker in Markers.Append("Otto Other").Append("otto@example.org"))
            {
                Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>A citizen with two appointments (one by the infoline with a phone), a waiting wish and sent emails.</summary>
    private static async Task<(Guid Wish, string Manage)> CitizenEverywhereAsync(AgentKit kit)
    {
        var (_, manage) = await BookAsync(kit, Wednesday9, "Zora Quellenbach", "zora.q@example.org", "0211 555 0199");
        var byPhone = await kit.App.BookingsAsync(b => b.BookForCallerAsync(
            AgentKit.Service, AgentKit.Office, Friday9, "Zora Quellenbach", "Zora.Q@example.org", "0211 555 0199", "de", null, default));
        Assert.True(byPhone.Succeeded, byPhone.Failure?.ToString());
        var registered = await kit.WishesAsync(w => w.RegisterAsync(
            AgentKit.Request(days: [IsoDayOfWeek.Thursday]), "Zora Quellenbach", "zora.q@example.org", "0211 555 0199", "de", default));
        var wish = (await kit.ConfirmWishAsync(registered.Wish!.Id)).Wish!.Id;
        await kit.App.DeliverMailAsync();
        return (wish, manage);
    }

    private static Task<StatisticsReport> ReportAsync(TestApp app, StatisticsPeriod period) =>
        app.InScopeAsync(sp => sp.GetRequiredService<StatisticsQuery>().ReportAsync(period, null, CancellationToken.None));

    private static string Figures(StatisticsReport report) =>
        string.Join(";", report.Buckets.Select(b => $"{b.BookedOnline},{b.BookedByInfoline},{b.Cancelled},{b.NoShows},{b.Capacity},{b.Taken},{b.WishesRegistered}"))
        + $";{report.Booked};{report.OffersMade}";
}
