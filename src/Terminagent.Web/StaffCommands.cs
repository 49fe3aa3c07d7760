using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Database;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Backups;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web;

/// <summary>
/// Commands for the city's staff and IT, run with the app's own configuration:
/// <c>dotnet run --project src/Terminagent.Web -- affected-bookings</c>, <c>-- create-admin</c>,
/// <c>-- routes [--json]</c>, <c>-- backup &lt;file&gt;</c> or <c>-- restore &lt;file&gt; [--force]</c>.
/// </summary>
public static class StaffCommands
{
    public static bool IsCommand(string[] args) =>
        args is ["affected-bookings", ..] or ["create-admin", ..] or ["routes", ..] or ["backup", ..] or ["restore", ..];

    public static Task<int> RunAsync(WebApplication app, string[] args) => args[0] switch
    {
        "create-admin" => CreateAdministratorAsync(app, args),
        "routes" => ListRoutesAsync(app, args),
        "backup" => BackupCommands.BackupAsync(app.Services, args, Console.Out, Console.Error),
        "restore" => BackupCommands.RestoreAsync(app.Services, args, Console.Out, Console.Error),
        _ => ListAffectedBookingsAsync(app),
    };

    /// <summary>
    /// Every route the app maps (<see cref="RouteList"/>), one a line, or with <c>--json</c> as JSON
    /// with the fields each reads: what tools/Terminagent.Trust fuzzes. Touches no database.
    /// </summary>
    private static async Task<int> ListRoutesAsync(WebApplication app, string[] args)
    {
        var routes = await RouteList.ReadAsync(app);
        Console.WriteLine(args.Contains("--json") ? RouteList.ToJson(routes) : RouteList.ToText(routes));
        return 0;
    }

    /// <summary>
    /// Creates the first administrator: <c>-- create-admin you@city.example "Your Name"</c>. The
    /// password is generated (94 random bits, checked by the same rules as every staff password)
    /// and printed once; there is no default to forget to change, and none to type in weakly.
    /// </summary>
    private static Task<int> CreateAdministratorAsync(WebApplication app, string[] args) =>
        CreateAdministratorAsync(app.Services, args, Console.Out, Console.Error);

    internal static async Task<int> CreateAdministratorAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        // Settings given after the command (--Key=value) are the host's, not the command's.
        if (args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray() is not [_, var email, .. var rest] || rest.Length > 1)
        {
            await error.WriteLineAsync("usage: create-admin <email> [\"display name\"]");
            return 2;
        }

        await services.PrepareDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccountService>();
        if (await accounts.AnyAdministratorAsync(CancellationToken.None))
        {
            await error.WriteLineAsync("An administrator exists already. Further accounts are created in the staff area: /staff/accounts.");
            return 1;
        }

        // Recorded in the audit log like an account an administrator creates, by the command.
        scope.ServiceProvider.GetRequiredService<ActorScope>().ActAs(Actor.Operator("create-admin"));
        var name = rest.Length == 1 ? rest[0] : "Administration";
        var result = await accounts.CreateAsync(email, name, StaffRole.Administrator, [], "en");
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                await error.WriteLineAsync(problem);
            }

            return 1;
        }

        await output.WriteLineAsync($"Administrator {result.User!.Email} created.");
        await output.WriteLineAsync($"Password (shown only now): {result.InitialPassword}");
        await output.WriteLineAsync("Sign in at /staff/signin.");
        return 0;
    }

    private static async Task<int> ListAffectedBookingsAsync(WebApplication app)
    {
        // No web server and no workers: prepare the database, bring the schedule up to date, report.
        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ScheduleSync>().SyncAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var city = scope.ServiceProvider.GetRequiredService<City>();
        var now = scope.ServiceProvider.GetRequiredService<Clock>().Now;
        var affected = await scope.ServiceProvider.GetRequiredService<AffectedBookings>().ListAsync(now, CancellationToken.None);
        if (affected.Count == 0)
        {
            Console.WriteLine("No booking is affected by changes of the schedule.");
            return 0;
        }

        Console.WriteLine($"{affected.Count} bookings need a decision: the schedule no longer has room for them.");
        var pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");
        foreach (var a in affected)
        {
            var office = city.FindOffice(a.OfficeId);
            var local = office is null ? a.Start.ToString() : pattern.Format(a.Start.InZone(office.Zone).LocalDateTime);
            Console.WriteLine($"{a.Code}  {local}  {office?.Name ?? a.OfficeId}  {a.ServiceId}  {a.Status}  {a.Reason}");
        }

        return 0;
    }
}
