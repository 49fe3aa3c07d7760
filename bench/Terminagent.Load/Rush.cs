using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace Terminagent.Load;

/// <summary>
/// How to run the rush. <c>Rate</c>: citizens arriving per second (open loop), 0 for the closed loop of
/// <c>Clients</c> workers (who also warm up). <c>Drain</c>: in the open loop, how long after the last
/// arrival unanswered citizens are still waited for. <c>ResetPgStats</c>: empty pg_stat_statements after
/// the warm-up, just before the load. <c>WarmBookings</c>: citizens who book the nearest days before
/// the load, to compile the hold's code (0: none).
/// </summary>
public sealed record RushOptions(
    IReadOnlyList<Uri> Instances, int Clients, TimeSpan Duration, string? Day, string ConnectionString, TimeSpan Warmup,
    double Rate, TimeSpan Drain, bool ResetPgStats, int WarmBookings = 60);

/// <summary>
/// The 9 o'clock rush, each citizen on the <see cref="Journeys"/> journey. Closed loop (the default):
/// <see cref="RushOptions.Clients"/> workers, each starting a new citizen when the last one is done,
/// so the app's slowness slows the arrivals. Open loop (<see cref="RushOptions.Rate"/> &gt; 0):
/// citizen i arrives at t0 + i/rate whether or not the earlier ones were answered, and each latency
/// counts from the moment its request was meant to be sent (no coordinated omission, as wrk2).
/// </summary>
public static class Rush
{
    public static async Task<int> RunAsync(RushOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var open = options.Rate > 0;

        // The open loop does not wait for a free connection it did not need in production: enough for every citizen in flight.
        var clients = options.Instances.Select(u => Http.ClientFor(u, open ? 1024 : options.Clients)).ToArray();
        var services = await ServicesAsync(clients[0]);
        await using var mailbox = new Mailbox(options.ConnectionString);
        mailbox.Start();
        var journeys = new Journeys(clients, services, options.Day, mailbox);

        var who = open
            ? string.Create(inv, $"rush (open loop): {options.Rate:0.##} citizens a second")
            : string.Create(inv, $"rush: {options.Clients} citizens");
        Console.WriteLine(string.Create(inv,
            $"{who} for {options.Duration.TotalSeconds:0} s against {string.Join(" and ", options.Instances)}{(options.Day is null ? "" : $", the newly released day {options.Day} first")}"));
        Console.WriteLine("every citizen from an address of its own (X-Forwarded-For 10.x.y.z), the app's rate limits as configured");
        await WarmUpAsync(options, clients, services);
        await WarmUpBookingAsync(options, clients, services, mailbox);
        if (options.ResetPgStats)
        {
            await PgStats.ResetAsync(options.ConnectionString);
        }

        var loadStarted = Latency.Start();
        var elapsed = open ? await OpenLoopAsync(options, journeys, clients.Length) : await ClosedLoopAsync(options, journeys, clients.Length);

        var bookingsPerSecond = journeys.Won / elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"load window {elapsed.TotalSeconds:0.0} s"));
        journeys.Print(elapsed);
        Console.WriteLine(journeys.Hold.DescribeWindows(loadStarted, TimeSpan.FromSeconds(open ? 10 : 5)));

        var check = await DoubleBookingCheck.RunAsync(options.ConnectionString, journeys.Won, journeys.Confirmed);
        var common = string.Create(inv,
            $"hold_p50_ms={journeys.Hold.Percentile(50):0.0} hold_p95_ms={journeys.Hold.Percentile(95):0.0} hold_p99_ms={journeys.Hold.Percentile(99):0.0} freetimes_p99_ms={journeys.FreeTimes.Percentile(99):0.0} server_errors={journeys.ServerErrors} double_booking={(check ? "none" : "FOUND")}");
        var mode = open
            ? string.Create(inv, $"mode=open rate={options.Rate:0.##} arrived={journeys.Arrived} finished={journeys.Finished}")
            : string.Create(inv, $"mode=closed clients={options.Clients}");
        Console.WriteLine(string.Create(inv, $"RESULT bookings_per_second={bookingsPerSecond:0.00} {mode} {common}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var allFinished = journeys.Finished == journeys.Arrived;
        return journeys.ServerErrors == 0 && journeys.NoAnswers == 0 && check && allFinished ? 0 : 1;
    }

    private static async Task<TimeSpan> ClosedLoopAsync(RushOptions options, Journeys journeys, int instances)
    {
        var confirmations = Channel.CreateUnbounded<(string Email, int Instance, string Address)>();
        using var stop = new CancellationTokenSource();
        var ct = stop.Token;
        var nextCitizen = -1L;

        async Task WorkerAsync(int worker)
        {
            for (var n = 0; !ct.IsCancellationRequested; n++)
            {
                // A real citizen books once: every journey is a new citizen, with an address and email of its own.
                var citizen = Interlocked.Increment(ref nextCitizen);
                await journeys.RunAsync(citizen, (worker + n) % instances, Latency.Start(), () => ct.IsCancellationRequested,
                    (email, instance, address) => confirmations.Writer.WriteAsync((email, instance, address)).AsTask(), CancellationToken.None);
            }
        }

        async Task ConfirmerAsync()
        {
            await foreach (var (email, instance, address) in confirmations.Reader.ReadAllAsync())
            {
                await journeys.ConfirmAsync(email, instance, address, CancellationToken.None);
            }
        }

        var confirmers = Enumerable.Range(0, Math.Max(1, options.Clients / 4)).Select(_ => Task.Run(ConfirmerAsync)).ToArray();
        stop.CancelAfter(options.Duration);
        var began = Latency.Start();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => WorkerAsync(i))));
        var elapsed = Stopwatch.GetElapsedTime(began);
        confirmations.Writer.Complete();
        await Task.WhenAll(confirmers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"citizens: {journeys.Arrived} started a journey, {journeys.Finished} finished it"));
        return elapsed;
    }

    private static async Task<TimeSpan> OpenLoopAsync(RushOptions options, Journeys journeys, int instances)
    {
        var inv = CultureInfo.InvariantCulture;
        var total = (long)Math.Round(options.Rate * options.Duration.TotalSeconds);
        var citizens = new List<Task>((int)Math.Min(total, int.MaxValue));
        using var abandon = new CancellationTokenSource();
        var maxLag = 0L;
        var t0 = Latency.Start();
        for (var i = 0L; i < total; i++)
        {
            var due = t0 + (long)(i * Stopwatch.Frequency / options.Rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            }

            // Late arrivals are sent at once; their latency still counts from when they were due.
            maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due);
            var citizen = i;
            citizens.Add(Task.Run(() => journeys.RunAsync(citizen, (int)(citizen % instances), due, () => false,
                (email, instance, address) => journeys.ConfirmAsync(email, instance, address, abandon.Token), abandon.Token)));
        }

        var arrivals = Stopwatch.GetElapsedTime(t0);
        abandon.CancelAfter(options.Drain);
        await Task.WhenAll(citizens);
        var elapsed = Stopwatch.GetElapsedTime(t0);
        Console.WriteLine(string.Create(inv,
            $"citizens: {journeys.Arrived} arrived in {arrivals.TotalSeconds:0.0} s (the schedule's latest arrival {maxLag * 1000.0 / Stopwatch.Frequency:0.0} ms late), {journeys.Finished} finished their journey, {journeys.Abandoned} still waiting {options.Drain.TotalSeconds:0} s after the last arrival (abandoned)"));
        return elapsed;
    }

    /// <summary>Servers are warm at 09:00: JIT, connection pools and caches, by looking, not booking.</summary>
    private static async Task WarmUpAsync(RushOptions options, HttpClient[] clients, List<string> services)
    {
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        var warmup = new Latency("warm-up");
        var requests = -1L;
        using var warm = new CancellationTokenSource(options.Warmup);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(async () =>
        {
            var random = new Random(-i - 1);
            for (var n = 0; !warm.IsCancellationRequested; n++)
            {
                // Many people looking, a few look-ups each: far below the per-address limit on reads.
                var address = Addresses.Reader(Interlocked.Increment(ref requests) / 20);
                var started = Latency.Start();
                try
                {
                    using var request = Addresses.Request(HttpMethod.Get, $"/api/v1/services/{services[random.Next(services.Count)]}/free-times", address);
                    using var response = await clients[(i + n) % clients.Length].SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    warmup.Record(started, Http.Outcome(response.StatusCode));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    warmup.Record(started, ex.GetType().Name);
                }
            }
        })));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmup.Count} free-times lookups in {options.Warmup.TotalSeconds:0} s ({warmup.DescribeOutcomes()})"));
    }

    /// <summary>
    /// By 09:00 a city's servers have booked all morning: a few citizens book the nearest days (not the
    /// released one) on each instance, each confirming on the other, so that the hold's and the
    /// confirmation's code is compiled before the load. Their emails start with "warm", apart from the
    /// load's in the database check; their addresses lie far above the load's citizens'.
    /// </summary>
    private static async Task WarmUpBookingAsync(RushOptions options, HttpClient[] clients, List<string> services, Mailbox mailbox)
    {
        var citizens = options.WarmBookings;
        if (citizens <= 0)
        {
            return;
        }

        const long FirstCitizen = 16_000_000;
        var warm = new Journeys(clients, services, day: null, mailbox, people: "warm");
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (long n; (n = Interlocked.Increment(ref next)) < citizens;)
            {
                await warm.RunAsync(FirstCitizen + n, (int)(n % clients.Length), Latency.Start(), () => false,
                    (email, instance, address) => warm.ConfirmAsync(email, instance, address, CancellationToken.None), CancellationToken.None);
            }
        })));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {warm.Won} bookings on the nearest days by {citizens} citizens, {warm.Confirmed} confirmed (holds: {warm.Hold.DescribeOutcomes()})"));
    }

    private static async Task<List<string>> ServicesAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/services"));
        return [.. doc.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }
}
