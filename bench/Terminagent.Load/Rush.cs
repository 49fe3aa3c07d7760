using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace Terminagent.Load;

public sealed record RushOptions(IReadOnlyList<Uri> Instances, int Clients, TimeSpan Duration, string? Day, string ConnectionString, TimeSpan Warmup);

/// <summary>
/// The 9 o'clock rush: <see cref="RushOptions.Clients"/> citizens at once, each alternating between
/// the app instances, look up free times, hold one (POST /api/v1/bookings), and when someone else
/// was faster (409) try one of the alternatives the answer names, as a real client would. Every
/// won hold is confirmed with the token from its confirmation email, on the other instance.
/// </summary>
public static class Rush
{
    private const int MaxAttempts = 5;

    public static async Task<int> RunAsync(RushOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var clients = options.Instances.Select(u => Http.ClientFor(u, options.Clients)).ToArray();
        var services = await ServicesAsync(clients[0]);
        var freeTimes = new Latency("GET free-times");
        var hold = new Latency("POST /bookings (hold)");
        var confirm = new Latency("POST /bookings/confirm");
        var confirmations = Channel.CreateUnbounded<(string Email, int Instance)>();
        await using var mailbox = new Mailbox(options.ConnectionString);
        mailbox.Start();

        var won = 0;
        var alreadyDone = 0;
        var gaveUp = 0;
        var nothingFree = 0;
        var confirmed = 0;
        var confirmFailed = 0;
        using var stop = new CancellationTokenSource();
        var ct = stop.Token;

        async Task CitizenAsync(int worker)
        {
            var random = new Random(worker);
            var n = 0;
            while (!ct.IsCancellationRequested)
            {
                var instance = (worker + n) % clients.Length;
                var client = clients[instance];
                var service = services[random.Next(services.Count)];
                var email = string.Create(inv, $"rush-{worker}-{n}@example.org");
                n++;

                var times = await FreeTimesAsync(client, service, options.Day, freeTimes);
                if (times.Count == 0 && options.Day is not null)
                {
                    times = await FreeTimesAsync(client, service, null, freeTimes);
                }

                if (times.Count == 0)
                {
                    Interlocked.Increment(ref nothingFree);
                    continue;
                }

                // People choose among the first times shown, not all the very first one.
                var time = times[random.Next(Math.Min(times.Count, 20))];
                for (var attempt = 1; ; attempt++)
                {
                    var started = Latency.Start();
                    HttpResponseMessage response;
                    try
                    {
                        // Like every API client: a solved proof-of-work challenge with each hold.
                        using var holdRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings");
                        await Challenge.AddSolvedAsync(client, holdRequest, "booking");
                        holdRequest.Content = JsonContent.Create(new
                        {
                            serviceId = service,
                            officeId = time.GetProperty("officeId").GetString(),
                            start = time.GetProperty("start").GetString(),
                            name = string.Create(inv, $"Rush Citizen {worker}-{n}"),
                            email,
                            language = "de",
                        });
                        response = await client.SendAsync(holdRequest, CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        hold.Record(started, ex.GetType().Name);
                        break;
                    }

                    using (response)
                    {
                        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                        hold.Record(started, Http.Outcome(response.StatusCode));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            Interlocked.Increment(ref won);
                            await confirmations.Writer.WriteAsync((email, (instance + 1) % clients.Length), CancellationToken.None);
                            break;
                        }

                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref alreadyDone);
                            break;
                        }

                        if (response.StatusCode != HttpStatusCode.Conflict || attempt == MaxAttempts || ct.IsCancellationRequested)
                        {
                            if (response.StatusCode == HttpStatusCode.Conflict)
                            {
                                Interlocked.Increment(ref gaveUp);
                            }

                            break;
                        }

                        // Someone else was faster: take one of the nearest alternatives the refusal offers.
                        using var problem = JsonDocument.Parse(body);
                        if (!problem.RootElement.TryGetProperty("alternatives", out var alternatives) || alternatives.GetArrayLength() == 0)
                        {
                            Interlocked.Increment(ref gaveUp);
                            break;
                        }

                        time = alternatives[random.Next(alternatives.GetArrayLength())].Clone();
                    }
                }
            }
        }

        async Task ConfirmerAsync()
        {
            await foreach (var (email, instance) in confirmations.Reader.ReadAllAsync())
            {
                string token;
                try
                {
                    token = await mailbox.ConfirmTokenAsync(email).WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref confirmFailed);
                    continue;
                }

                var started = Latency.Start();
                try
                {
                    using var response = await clients[instance].PostAsJsonAsync("/api/v1/bookings/confirm", new { token });
                    await response.Content.LoadIntoBufferAsync();
                    confirm.Record(started, Http.Outcome(response.StatusCode));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref confirmed);
                    }
                    else
                    {
                        Interlocked.Increment(ref confirmFailed);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    confirm.Record(started, ex.GetType().Name);
                    Interlocked.Increment(ref confirmFailed);
                }
            }
        }

        Console.WriteLine(string.Create(inv,
            $"rush: {options.Clients} citizens for {options.Duration.TotalSeconds:0} s against {string.Join(" and ", options.Instances)}{(options.Day is null ? "" : $", the newly released day {options.Day} first")}"));
        if (options.Warmup > TimeSpan.Zero)
        {
            // Servers are warm at 09:00: JIT, connection pools and caches by looking, not booking.
            var warmup = new Latency("warm-up");
            using var warm = new CancellationTokenSource(options.Warmup);
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(async () =>
            {
                var random = new Random(-i - 1);
                for (var n = 0; !warm.IsCancellationRequested; n++)
                {
                    await FreeTimesAsync(clients[(i + n) % clients.Length], services[random.Next(services.Count)], null, warmup);
                }
            })));
            Console.WriteLine(string.Create(inv, $"warm-up: {warmup.Count} free-times lookups in {options.Warmup.TotalSeconds:0} s ({warmup.DescribeOutcomes()})"));
        }

        var confirmers = Enumerable.Range(0, Math.Max(1, options.Clients / 4)).Select(_ => Task.Run(ConfirmerAsync)).ToArray();
        stop.CancelAfter(options.Duration);
        var began = Latency.Start();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => CitizenAsync(i))));
        var elapsed = TimeSpan.FromTicks((long)((System.Diagnostics.Stopwatch.GetTimestamp() - began) * (double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency));
        confirmations.Writer.Complete();
        await Task.WhenAll(confirmers);

        var serverErrors = hold.CountOf(IsServerError) + freeTimes.CountOf(IsServerError) + confirm.CountOf(IsServerError);
        var failedRequests = hold.CountOf(IsNoAnswer) + freeTimes.CountOf(IsNoAnswer) + confirm.CountOf(IsNoAnswer);
        var bookingsPerSecond = won / elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"load window {elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(freeTimes.Describe(elapsed));
        Console.WriteLine(hold.Describe(elapsed));
        Console.WriteLine(confirm.Describe(elapsed));
        Console.WriteLine($"  free-times by status: {freeTimes.DescribeOutcomes()}");
        Console.WriteLine($"  holds by status:      {hold.DescribeOutcomes()}   (409 = someone else was faster)");
        Console.WriteLine($"  confirms by status:   {confirm.DescribeOutcomes()}");
        Console.WriteLine(string.Create(inv,
            $"bookings won: {won} ({bookingsPerSecond:0.0}/s); confirmed afterwards: {confirmed}; gave up after {MaxAttempts} conflicts or without alternatives: {gaveUp}; found nothing free: {nothingFree}; repeated holds answered 200: {alreadyDone}; confirmations failed: {confirmFailed}"));
        Console.WriteLine($"server errors (5xx): {serverErrors}; requests without an answer: {failedRequests}");

        var check = await DoubleBookingCheck.RunAsync(options.ConnectionString, won, confirmed);
        Console.WriteLine(string.Create(inv, $"RESULT bookings_per_second={bookingsPerSecond:0.00} hold_p50_ms={hold.Percentile(50):0.0} hold_p95_ms={hold.Percentile(95):0.0} hold_p99_ms={hold.Percentile(99):0.0} server_errors={serverErrors} double_booking={(check ? "none" : "FOUND")}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return serverErrors == 0 && failedRequests == 0 && check ? 0 : 1;
    }

    private static bool IsServerError(string outcome) => outcome.StartsWith('5');

    private static bool IsNoAnswer(string outcome) => !char.IsAsciiDigit(outcome[0]);

    private static async Task<List<string>> ServicesAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/services"));
        return [.. doc.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }

    private static async Task<List<JsonElement>> FreeTimesAsync(HttpClient client, string service, string? day, Latency latency)
    {
        var started = Latency.Start();
        try
        {
            using var response = await client.GetAsync($"/api/v1/services/{service}/free-times{(day is null ? "" : $"?day={day}")}");
            var body = await response.Content.ReadAsStringAsync();
            latency.Record(started, Http.Outcome(response.StatusCode));
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            using var doc = JsonDocument.Parse(body);
            return [.. doc.RootElement.GetProperty("times").EnumerateArray().Select(t => t.Clone())];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            latency.Record(started, ex.GetType().Name);
            return [];
        }
    }
}
