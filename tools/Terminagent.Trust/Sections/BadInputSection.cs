using System.Globalization;
using Terminagent.Trust.BadInput;
using Terminagent.Trust.Infrastructure;

namespace Terminagent.Trust.Sections;

/// <summary>
/// Bad input: the hostile request generator of the fuzz test against the app as a process (on
/// Kestrel, with its real limits) and a PostgreSQL database of its own, every route the app lists
/// (<c>routes --json</c>). Nothing may answer 5xx and nothing may change.
/// </summary>
public sealed class BadInputSection(int count, int seed) : ITrustSection
{
    public string Name => "Bad input tried";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(progress);
        progress("asking the app for its routes");
        var targets = await FuzzRoutes.FromAppAsync(context.AppFolder, ct);
        await using var database = await ScratchDatabase.CreateAsync(context.PostgresServer, "trust_input");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Folder",
            ["Mail:Folder"] = Path.Combine(context.WorkFolder, "input-mail-" + Guid.NewGuid().ToString("N")),
            ["Workers:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "None",

            // One client sends everything: the limits have their own section.
            ["RateLimits:Enabled"] = "false",
        };
        progress("starting the app");
        await using var app = await AppProcess.StartAsync(settings, context.AppFolder, ct: ct);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 8 })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var fuzzer = new HostileRequests(client, targets, seed);
        await fuzzer.LearnAsync(ct);
        var before = await SnapshotAsync(database);
        progress($"{count:N0} hostile requests to {targets.Count} routes");
        var summary = await fuzzer.RunAsync(count, ct: ct);
        var changes = (await SnapshotAsync(database)).DifferencesTo(before);

        var broken = summary.Failures.Take(20)
            .Select(f => $"{f.Kind} {f.Method} {HostileSummary.Shorten(f.Target, 120)} -> {f.Status?.ToString(CultureInfo.InvariantCulture) ?? f.Error}")
            .Concat(changes.Select(c => "changed: " + c))
            .Concat(app.HasExited ? ["the app exited: " + app.RecentOutput] : [])
            .ToList();
        return new SectionResult(
            Name,
            [
                new Figure("hostile requests / routes", $"{N(summary.Total)} / {N(summary.ByRoute.Count)}"),
                new Figure("kinds", string.Join(", ", summary.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {N(k.Value)}"))),
                new Figure("answers", string.Join(", ", summary.ByStatus.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {N(k.Value)}"))),
                new Figure("5xx or unexplained no-answer", N(summary.Failures.Count)),
                new Figure("tables changed", N(changes.Count)),
            ],
            0,
            0,
            broken);
    }

    private static async Task<DatabaseSnapshot> SnapshotAsync(ScratchDatabase database)
    {
        await using var db = database.NewDb();
        return await DatabaseSnapshot.TakeAsync(db);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
