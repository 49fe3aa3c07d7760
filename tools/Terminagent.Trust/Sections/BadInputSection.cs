using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Trust.BadInput;
using Terminagent.Trust.Infrastructure;
using Terminagent.Web;

namespace Terminagent.Trust.Sections;

/// <summary>
/// Bad input: the hostile request generator of the fuzz test against the app on Kestrel and a
/// PostgreSQL database of its own, every route it has. Nothing may answer 5xx and nothing may change.
/// </summary>
public sealed class BadInputSection(int count, int seed) : ITrustSection
{
    public string Name => "Bad input tried";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(progress);
        await using var database = await ScratchDatabase.CreateAsync(context.PostgresServer, "trust_input");
        var port = AppProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["contentRoot"] = Repository.WebContentRoot(),

            // The pages are found in the application's assembly: the web app's, not this tool's.
            ["applicationName"] = "Terminagent.Web",
            ["urls"] = $"http://127.0.0.1:{port}",
            ["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
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
        await using var app = TerminagentApp.Build([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        await app.StartAsync(ct);
        try
        {
            var targets = await FuzzRoutes.FromAsync(app.Services, ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources);
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 8 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            var fuzzer = new HostileRequests(client, targets, seed);
            await fuzzer.LearnAsync(ct);
            var before = await SnapshotAsync(app);
            progress($"{count:N0} hostile requests to {targets.Count} routes");
            var summary = await fuzzer.RunAsync(count, ct: ct);
            var changes = (await SnapshotAsync(app)).DifferencesTo(before);

            var broken = summary.Failures.Take(20)
                .Select(f => $"{f.Kind} {f.Method} {HostileSummary.Shorten(f.Target, 120)} -> {f.Status?.ToString(CultureInfo.InvariantCulture) ?? f.Error}")
                .Concat(changes.Select(c => "changed: " + c))
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
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<DatabaseSnapshot> SnapshotAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await DatabaseSnapshot.TakeAsync(scope.ServiceProvider.GetRequiredService<TerminagentDb>());
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
