using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Trust.Consistency;
using Terminagent.Trust.Infrastructure;

namespace Terminagent.Trust.Faults;

public sealed record KillUnderLoadOptions(string PostgresServer, string WorkFolder)
{
    /// <summary>How often the app is killed with SIGKILL and started again.</summary>
    public int Kills { get; init; } = 2;

    /// <summary>Citizens acting at the same time.</summary>
    public int Citizens { get; init; } = 6;

    /// <summary>Emails that must arrive between two kills (the kill point: mid-sending).</summary>
    public int EmailsBetweenKills { get; init; } = 12;

    /// <summary>Where Terminagent.Web.dll is (default: see <see cref="AppProcess.Folder"/>).</summary>
    public string? AppFolder { get; init; }

    /// <summary>A Tuesday just before the 09:00 advance release, so the agent takes its share during the run.</summary>
    public DateTimeOffset ClockStart { get; init; } = new(2026, 12, 1, 8, 59, 40, TimeSpan.FromHours(1));
}

public sealed record KillUnderLoadResult(
    int Kills, int RequestsServed, int RequestsUnanswered, int ServerErrors, int HoldsConfirmed, int Cancellations,
    int WishesConfirmed, int OffersAnswered, int OffersMade, ConsistencyReport Consistency, IReadOnlyList<string> Notes);

/// <summary>
/// The app as a real process on PostgreSQL with its workers, SMTP to a real server and a clock just
/// before a release; citizens hold, confirm and cancel appointments, leave wishes and answer offers
/// over HTTP; the app is killed (SIGKILL) after emails arrived and once the agent has made an offer,
/// started again on the same database, left to settle, and then checked: <see cref="ConsistencyCheck"/>.
/// </summary>
public static class KillUnderLoad
{
    private const string Service = "personalausweis";
    private const string Office = "hauptbahnhof";

    /// <summary>
    /// A restarted instance's clock runs this much ahead: the outbox leases (2 min) the killed
    /// instance left behind have run out, as they would after any real restart that takes a while.
    /// </summary>
    private static readonly TimeSpan RestartGap = TimeSpan.FromMinutes(3);

    public static async Task<KillUnderLoadResult> RunAsync(KillUnderLoadOptions options, Action<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var began = DateTimeOffset.UtcNow;
        void say(string text) => progress?.Invoke($"{(DateTimeOffset.UtcNow - began).TotalSeconds,5:0.0} s  {text}");
        var notes = new List<string>();
        var mail = Path.Combine(options.WorkFolder, "kill-mail-" + Guid.NewGuid().ToString("N"));
        await using var database = await ScratchDatabase.CreateAsync(options.PostgresServer, "ta_trust_kill");
        await using var sink = await SmtpSinkProcess.StartAsync(mail);
        var shift = options.ClockStart - DateTimeOffset.UtcNow;
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:TimeoutSeconds"] = "10",
            ["Mail:PollSeconds"] = "1",
            ["Workers:Enabled"] = "true",

            // All citizens of a scenario come from this machine: the limits section measures limits.
            ["RateLimits:Enabled"] = "false",
            ["ProofOfWork:Difficulty"] = "8",
        };

        // A restarted instance takes the same port: the citizens' client does not notice the new process.
        async Task<AppProcess> StartAppAsync(int port = 0)
        {
            var withClock = new Dictionary<string, string>(settings) { ["Clock:StartAt"] = AppProcess.Instant(DateTimeOffset.UtcNow + shift) };
            return await AppProcess.StartAsync(withClock, options.AppFolder, port, ct);
        }

        say("starting the app (migrates a fresh database)");
        var app = await StartAppAsync();
        var inbox = new Inbox(DatabaseProvider.Postgres, database.ConnectionString);
        using var client = new CitizenClient(app.BaseAddress);
        var load = new Load(client, inbox, options.Citizens);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loadTask = load.RunAsync(stopLoad.Token);
        var kills = 0;
        try
        {
            for (var k = 0; k < options.Kills; k++)
            {
                var target = SmtpSinkProcess.CountIn(mail) + options.EmailsBetweenKills;
                say($"load running; kill {k + 1} after {target} emails arrived{(k > 0 ? " and the agent made an offer" : "")}");
                await WaitUntilAsync(async () => SmtpSinkProcess.CountIn(mail) >= target && (k == 0 || await OffersAsync(inbox) > 0), TimeSpan.FromSeconds(60), ct);
                if (SmtpSinkProcess.CountIn(mail) < target)
                {
                    notes.Add($"kill {k + 1}: only {SmtpSinkProcess.CountIn(mail)} emails had arrived after 60 s");
                }

                await app.KillAsync();
                kills++;
                await app.DisposeAsync();
                say($"killed (SIGKILL); {SmtpSinkProcess.CountIn(mail)} emails had arrived; starting again on the same database");
                shift += RestartGap;
                app = await StartAppAsync(app.Port);
            }

            var after = SmtpSinkProcess.CountIn(mail) + options.EmailsBetweenKills;
            await WaitUntilAsync(() => Task.FromResult(SmtpSinkProcess.CountIn(mail) >= after), TimeSpan.FromSeconds(60), ct);
            await stopLoad.CancelAsync();
            await loadTask;

            say("load stopped; letting the app settle (every outbox row sent)");
            var settled = await WaitUntilAsync(async () => await UnsentAsync(inbox) == 0 && await SentAsync(inbox) <= SmtpSinkProcess.MessageIdsIn(mail).Distinct().Count(), TimeSpan.FromSeconds(60), ct);
            if (!settled)
            {
                notes.Add("the outbox did not empty within 60 s of the load ending");
            }
        }
        finally
        {
            await stopLoad.CancelAsync();
            await loadTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await app.DisposeAsync();
        }

        say("checking consistency");
        await using var db = inbox.NewDb();
        var report = await ConsistencyCheck.RunAsync(db, SmtpSinkProcess.MessageIdsIn(mail), ct);
        var offersMade = await db.Offers.CountAsync(ct);
        NpgsqlClear();
        return new KillUnderLoadResult(
            kills, client.Served, client.Answers.GetValueOrDefault(CitizenClient.Unanswered), client.ServerErrors,
            load.HoldsConfirmed, load.Cancellations, load.WishesConfirmed, load.OffersAnswered, offersMade, report,
            [.. notes, .. client.ServerErrorSamples.Select(e => "5xx: " + e)]);
    }

    private static void NpgsqlClear() => Npgsql.NpgsqlConnection.ClearAllPools();

    private static async Task<int> OffersAsync(Inbox inbox)
    {
        await using var db = inbox.NewDb();
        return await db.Offers.CountAsync();
    }

    private static async Task<int> UnsentAsync(Inbox inbox)
    {
        await using var db = inbox.NewDb();
        return await db.OutboxMessages.CountAsync(m => m.SentAt == null);
    }

    private static async Task<int> SentAsync(Inbox inbox)
    {
        await using var db = inbox.NewDb();
        return await db.OutboxMessages.CountAsync(m => m.SentAt != null);
    }

    /// <summary>Polls a condition; true when it held before the limit (the limit is a safety net, not a measurement).</summary>
    internal static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200, ct);
        }

        return await condition();
    }

    /// <summary>The citizens: each holds, confirms and sometimes cancels, or leaves and confirms a wish; one answers offers.</summary>
    private sealed class Load(CitizenClient client, Inbox inbox, int citizens)
    {
        private readonly HashSet<string> answered = new(StringComparer.Ordinal);
        private int holdsConfirmed;
        private int cancellations;
        private int wishesConfirmed;
        private int offersAnswered;

        public int HoldsConfirmed => holdsConfirmed;

        public int Cancellations => cancellations;

        public int WishesConfirmed => wishesConfirmed;

        public int OffersAnswered => offersAnswered;

        public Task RunAsync(CancellationToken ct) =>
            Task.WhenAll(Enumerable.Range(0, citizens).Select(c => CitizenAsync(c, ct)).Append(AnswerOffersAsync(ct)));

        private async Task CitizenAsync(int citizen, CancellationToken ct)
        {
            var random = new Random(citizen);
            for (var i = 0; !ct.IsCancellationRequested; i++)
            {
                try
                {
                    var email = $"c{citizen}-{i}-{Guid.NewGuid().ToString("N")[..6]}@example.org";
                    if (i % 3 == 2)
                    {
                        await WishAsync(email, ct);
                    }
                    else
                    {
                        await BookAsync(email, random, ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        private async Task BookAsync(string email, Random random, CancellationToken ct)
        {
            var times = await client.FreeTimesAsync(Service, Office, ct);
            if (times.Count == 0)
            {
                await Task.Delay(300, ct);
                return;
            }

            var time = times[random.Next(Math.Min(times.Count, 40))];
            if (await client.HoldAsync(Service, time, "Erika Mustermann", email, ct) is not System.Net.HttpStatusCode.Created)
            {
                await Task.Delay(100, ct);
                return;
            }

            if (await inbox.WaitForLinkTokenAsync(email, "/confirm/", TimeSpan.FromSeconds(10), ct) is not { } confirm
                || await client.ConfirmBookingAsync(confirm, ct) is not { } manage)
            {
                return;
            }

            Interlocked.Increment(ref holdsConfirmed);
            if (random.Next(2) == 0 && await client.CancelBookingAsync(manage, ct) == System.Net.HttpStatusCode.OK)
            {
                Interlocked.Increment(ref cancellations);
            }
        }

        private async Task WishAsync(string email, CancellationToken ct)
        {
            if (await client.LeaveWishAsync(Service, [Office], "Max Mustermann", email, ct) is not System.Net.HttpStatusCode.Created)
            {
                await Task.Delay(100, ct);
                return;
            }

            if (await inbox.WaitForLinkTokenAsync(email, "/wish/confirm/", TimeSpan.FromSeconds(10), ct) is { } token
                && await client.ConfirmWishAsync(token, ct) == System.Net.HttpStatusCode.OK)
            {
                Interlocked.Increment(ref wishesConfirmed);
            }
        }

        private async Task AnswerOffersAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    foreach (var (_, token) in await inbox.OfferLinksAsync(ct))
                    {
                        if (answered.Contains(token))
                        {
                            continue;
                        }

                        var status = token.GetHashCode(StringComparison.Ordinal) % 3 == 0
                            ? await client.DeclineOfferAsync(token, keepWish: true, ct)
                            : await client.AcceptOfferAsync(token, ct);
                        if (status is not null)
                        {
                            answered.Add(token);
                            Interlocked.Increment(ref offersAnswered);
                        }
                    }

                    await Task.Delay(300, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
                {
                    await Task.Delay(300, ct);
                }
            }
        }
    }
}
