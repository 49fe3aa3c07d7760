extern alias trust;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.BadInput;
using Xunit.Abstractions;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>
/// Thousands of malformed, oversized, out-of-range and hostile requests to every route of the real
/// app over Kestrel (so its body and header limits are the real ones): no server error, and not a
/// row of the database changes. TERMINAGENT_FUZZ_COUNT and TERMINAGENT_FUZZ_SEED vary the run.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261130;
    private const int DefaultCount = 3000;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HostileRequests_ToEveryRoute_GetNoServerError_AndChangeNothing(DatabaseProvider provider)
    {
        var errors = new LogCapture(LogLevel.Error);
        await using var app = await TestApp.StartWithKestrelAsync(provider, configure: errors.AddTo);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(s => s.HoldAsync(Scenario.Service, time.OfficeId, time.Start, "Anna Beispiel", "anna@example.org", null, "de", null, default));
        Assert.True(held.Succeeded);
        var targets = await AppRoutes.OfAsync(app);
        using var client = NewClient(app);
        var fuzzer = new HostileRequests(client, targets, Setting("TERMINAGENT_FUZZ_SEED", DefaultSeed));
        await fuzzer.LearnAsync();
        DatabaseSnapshot before;
        await using (var db = app.NewDb())
        {
            before = await DatabaseSnapshot.TakeAsync(db);
        }

        var summary = await fuzzer.RunAsync(Setting("TERMINAGENT_FUZZ_COUNT", DefaultCount));

        output.WriteLine(summary.ToString());
        DatabaseSnapshot after;
        await using (var db = app.NewDb())
        {
            after = await DatabaseSnapshot.TakeAsync(db);
        }

        Assert.True(summary.Failures.Count == 0, summary + string.Join("\n", errors.Lines.Take(1).Concat(errors.Lines.Select(l => l.Split('\n')[0]).Distinct().Take(20))));
        Assert.Empty(before.DifferencesTo(after));
        Assert.Empty(targets.Select(t => t.Route.Template).Except(summary.ByRoute.Keys));
        var staffAnswered = summary.Outcomes
            .Where(o => IsStaffOnly(o.Route) && o.Status is >= 200 and < 300)
            .Select(o => $"{o.Method} {o.Target} -> {o.Status}")
            .ToList();
        Assert.Empty(staffAnswered);
    }

    public static HttpClient NewClient(TestApp app) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 8 })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Staff pages and APIs: an anonymous caller gets a redirect to sign in, 401, 403 or another refusal.</summary>
    private static bool IsStaffOnly(string route) =>
        (route.StartsWith("/staff", StringComparison.Ordinal) && route is not ("/staff/signin" or "/staff/denied"))
        || route.StartsWith("/api/v1/staff", StringComparison.Ordinal)
        || route.StartsWith("/infoline", StringComparison.Ordinal)
        || route.StartsWith("/counter", StringComparison.Ordinal);

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
