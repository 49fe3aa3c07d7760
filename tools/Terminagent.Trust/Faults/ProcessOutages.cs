using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Trust.Consistency;
using Terminagent.Trust.Infrastructure;
using Terminagent.Trust.Sections;

namespace Terminagent.Trust.Faults;

public sealed record SmtpOutageResult(int Queued, int MaxAttempts, int SecondsDown, ConsistencyReport Consistency, bool Delivered);

public sealed record DatabaseOutageResult(
    int PageAnswers503, int PagesWithMessage, int ApiAnswers503, int ApiProblemDetails, int OtherAnswers, bool ReadyUnhealthy,
    bool NothingChanged, bool Recovered, bool WorkersRecovered);

/// <summary>
/// The outages of the mail server and of the database against the app as a real process with its
/// workers, in real time (the tests run the ten-minute mail outage on a fake clock).
/// </summary>
public static class ProcessOutages
{
    private const string Service = "personalausweis";
    private const string Office = "hauptbahnhof";
    private static readonly DateTimeOffset ClockStart = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    private static Dictionary<string, string> Settings(string connectionString, int smtpPort) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
        ["Mail:Transport"] = "Smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:TimeoutSeconds"] = "5",
        ["Mail:PollSeconds"] = "1",
        ["Workers:Enabled"] = "true",
        ["Clock:StartAt"] = AppProcess.Instant(ClockStart),
        ["RateLimits:Enabled"] = "false",
        ["ProofOfWork:Difficulty"] = "8",
    };

    /// <summary>No mail server for <paramref name="secondsDown"/> while citizens hold times; then one starts on the port.</summary>
    public static async Task<SmtpOutageResult> SmtpOutageAsync(TrustContext context, int secondsDown, int citizens, Action<string> say, CancellationToken ct)
    {
        var mail = Path.Combine(context.WorkFolder, "smtp-outage-" + Guid.NewGuid().ToString("N"));
        var port = SmtpSinkProcess.FreePort();
        await using var database = await ScratchDatabase.CreateAsync(context.PostgresServer, "ta_trust_smtp");
        await using var app = await AppProcess.StartAsync(Settings(database.ConnectionString, port), context.AppFolder, ct: ct);
        var inbox = new Inbox(DatabaseProvider.Postgres, database.ConnectionString);
        using var client = new CitizenClient(app.BaseAddress);
        say($"no mail server on :{port}; {citizens} citizens hold and confirm times, leave wishes");
        var times = (await client.FreeTimesAsync(Service, Office, ct)).Where(t => t.Start > ClockStart.AddDays(2)).ToList();
        for (var i = 0; i < citizens && i < times.Count; i++)
        {
            var email = $"smtp{i}@example.org";
            if (await client.HoldAsync(Service, times[i], "Erika Mustermann", email, ct) == HttpStatusCode.Created
                && await inbox.LinkTokenAsync(email, "/confirm/", ct) is { } token)
            {
                await client.ConfirmBookingAsync(token, ct);
            }

            await client.LeaveWishAsync(Service, [Office], "Max Mustermann", $"wish{i}@example.org", ct);
        }

        say($"waiting {secondsDown} s with the mail server down");
        await Task.Delay(TimeSpan.FromSeconds(secondsDown), ct);
        int queued, maxAttempts;
        await using (var db = inbox.NewDb())
        {
            queued = await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);
            maxAttempts = await db.OutboxMessages.MaxAsync(m => (int?)m.Attempts, ct) ?? 0;
        }

        say($"{queued} emails queued (tried up to {maxAttempts} times); starting the mail server");
        await using var sink = await SmtpSinkProcess.StartAsync(mail, port);
        var delivered = await KillUnderLoad.WaitUntilAsync(async () =>
        {
            await using var db = inbox.NewDb();
            return !await db.OutboxMessages.AnyAsync(m => m.SentAt == null, ct);
        }, TimeSpan.FromMinutes(OutboxRetryCeilingMinutes + 1), ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await using var check = inbox.NewDb();
        var report = await ConsistencyCheck.RunAsync(check, SmtpSinkProcess.MessageIdsIn(mail), ct);
        return new SmtpOutageResult(queued, maxAttempts, secondsDown, report, delivered);
    }

    /// <summary>The longest pause between two tries of an email (Email/OutboxSender).</summary>
    private const int OutboxRetryCeilingMinutes = 10;

    /// <summary>The database cut off behind a TCP proxy for <paramref name="secondsDown"/>, then restored.</summary>
    public static async Task<DatabaseOutageResult> DatabaseOutageAsync(TrustContext context, int secondsDown, Action<string> say, CancellationToken ct)
    {
        await using var database = await ScratchDatabase.CreateAsync(context.PostgresServer, "ta_trust_db");
        var server = database.Server;
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        await using var sink = await SmtpSinkProcess.StartAsync(Path.Combine(context.WorkFolder, "db-outage-" + Guid.NewGuid().ToString("N")));
        await using var app = await AppProcess.StartAsync(Settings(database.ConnectionStringVia("127.0.0.1", proxy.Port), sink.Port), context.AppFolder, ct: ct);
        var inbox = new Inbox(DatabaseProvider.Postgres, database.ConnectionString);
        using var client = new CitizenClient(app.BaseAddress);
        var times = await client.FreeTimesAsync(Service, Office, ct);
        await client.HoldAsync(Service, times[0], "Erika Mustermann", "before@example.org", ct);
        var before = await CountsAsync(inbox, ct);

        say($"database cut off for {secondsDown} s; asking for pages and the API meanwhile");
        proxy.Cut();
        int pages503 = 0, pagesWithMessage = 0, api503 = 0, problems = 0, other = 0;
        var readyUnhealthy = false;
        var until = DateTimeOffset.UtcNow.AddSeconds(secondsDown);
        for (var i = 0; DateTimeOffset.UtcNow < until; i++)
        {
            var page = await client.PageAsync($"times?service={Service}&office={Office}", ct);
            if (page.Status == HttpStatusCode.ServiceUnavailable)
            {
                pages503++;
                pagesWithMessage += page.Body.Contains("Der Dienst ist gerade gestört", StringComparison.Ordinal) && page.RetryAfter is not null ? 1 : 0;
            }
            else
            {
                other++;
            }

            var hold = await client.HoldAsync(Service, times[1 + (i % (times.Count - 1))], "Max Mustermann", $"during{i}@example.org", ct);
            var api = await client.PageAsync($"api/v1/services/{Service}/free-times?office={Office}", ct);
            if (hold == HttpStatusCode.ServiceUnavailable && api.Status == HttpStatusCode.ServiceUnavailable)
            {
                api503 += 2;
                problems += api.Body.Contains("\"status\":503", StringComparison.Ordinal) ? 1 : 0;
            }
            else
            {
                other++;
            }

            readyUnhealthy |= (await client.PageAsync("health/ready", ct)).Status == HttpStatusCode.ServiceUnavailable;
            await Task.Delay(250, ct);
        }

        var nothingChanged = before == await CountsAsync(inbox, ct);
        say("database restored; waiting for the same requests to succeed");
        proxy.Restore();
        var recovered = await KillUnderLoad.WaitUntilAsync(async () =>
            (await client.PageAsync($"times?service={Service}&office={Office}", ct)).Status == HttpStatusCode.OK
            && (await client.FreeTimesAsync(Service, Office, ct)).Count > 0
            && await client.HoldAsync(Service, times[^1], "Max Mustermann", "after@example.org", ct) == HttpStatusCode.Created, TimeSpan.FromSeconds(30), ct);

        // The outbox worker sends the email of the hold made after the restore: its rounds run again.
        var workers = await KillUnderLoad.WaitUntilAsync(async () =>
        {
            await using var db = inbox.NewDb();
            return !await db.OutboxMessages.AnyAsync(m => m.SentAt == null, ct);
        }, TimeSpan.FromSeconds(60), ct);
        return new DatabaseOutageResult(pages503, pagesWithMessage, api503, problems, other, readyUnhealthy, nothingChanged, recovered, workers);
    }

    private static async Task<(int Bookings, int Outbox, int Taken)> CountsAsync(Inbox inbox, CancellationToken ct)
    {
        await using var db = inbox.NewDb();
        return (await db.Bookings.CountAsync(ct), await db.OutboxMessages.CountAsync(ct), await db.Slots.SumAsync(s => s.Taken, ct));
    }
}
