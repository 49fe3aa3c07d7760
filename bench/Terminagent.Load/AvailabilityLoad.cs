using System.Globalization;
using System.Text.Json;

namespace Terminagent.Load;

public sealed record AvailabilityOptions(IReadOnlyList<Uri> Instances, int Clients, TimeSpan Duration);

/// <summary>
/// The free times under load, against the same app's /health in the same run: one phase each
/// for /health, the JSON API and the HTML page, the same clients and length, one after another,
/// so the ratio says what looking up free times costs compared with answering at all.
/// </summary>
public static class AvailabilityLoad
{
    public static async Task<int> RunAsync(AvailabilityOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var clients = options.Instances.Select(u => Http.ClientFor(u, options.Clients)).ToArray();
        using var doc = JsonDocument.Parse(await clients[0].GetStringAsync("/api/v1/services"));
        var services = doc.RootElement.EnumerateArray()
            .Select(s => (Id: s.GetProperty("id").GetString()!, Offices: s.GetProperty("offices").EnumerateArray().Select(o => o.GetString()!).ToArray()))
            .ToArray();

        // What a citizen asks: one service at one to three offices. The API and the page get the same questions.
        string Question(Random random, bool page)
        {
            var (id, offices) = services[random.Next(services.Length)];
            var chosen = offices.OrderBy(_ => random.Next()).Take(random.Next(1, 4));
            var query = string.Join('&', chosen.Select(o => $"office={o}"));
            return page ? $"/times?service={id}&{query}" : $"/api/v1/services/{id}/free-times?{query}";
        }

        var phases = new (string Name, Func<Random, string> Path)[]
        {
            ("GET /health", _ => "/health"),
            ("GET free-times (JSON API)", r => Question(r, page: false)),
            ("GET /times (HTML page)", r => Question(r, page: true)),
        };
        Console.WriteLine(string.Create(inv,
            $"availability: {options.Clients} clients, {options.Duration.TotalSeconds:0} s per phase, against {string.Join(" and ", options.Instances)}"));
        var results = new List<(Latency Latency, TimeSpan Elapsed)>();
        foreach (var (name, path) in phases)
        {
            var latency = new Latency(name);
            var requests = -1L;
            using var stop = new CancellationTokenSource(options.Duration);
            var began = Latency.Start();
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                var n = 0;
                while (!stop.IsCancellationRequested)
                {
                    var client = clients[(worker + n++) % clients.Length];

                    // The app's rate limits stay on: many people looking, a few look-ups each (X-Forwarded-For).
                    var address = Addresses.Reader(Interlocked.Increment(ref requests) / 20);
                    var started = Latency.Start();
                    try
                    {
                        using var request = Addresses.Request(HttpMethod.Get, path(random), address);
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        latency.Record(started, Http.Outcome(response.StatusCode));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        latency.Record(started, ex.GetType().Name);
                    }
                }
            })));
            var elapsed = TimeSpan.FromSeconds((System.Diagnostics.Stopwatch.GetTimestamp() - began) / (double)System.Diagnostics.Stopwatch.Frequency);
            results.Add((latency, elapsed));
            Console.WriteLine(latency.Describe(elapsed));
            Console.WriteLine($"  by status: {latency.DescribeOutcomes()}");
        }

        var health = results[0].Latency.Count / results[0].Elapsed.TotalSeconds;
        double Rate(int i) => results[i].Latency.Count / results[i].Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"free-times API ÷ /health: {Rate(1) / health:0.000} ({Rate(1):0.0} vs {health:0.0} req/s)"));
        Console.WriteLine(string.Create(inv, $"/times page    ÷ /health: {Rate(2) / health:0.000} ({Rate(2):0.0} vs {health:0.0} req/s)"));
        var errors = results.Sum(r => r.Latency.CountOf(o => o != "200"));
        Console.WriteLine($"answers other than 200: {errors}");
        Console.WriteLine(string.Create(inv,
            $"RESULT health_rps={health:0.0} api_rps={Rate(1):0.0} page_rps={Rate(2):0.0} api_ratio={Rate(1) / health:0.000} page_ratio={Rate(2) / health:0.000} api_p50_ms={results[1].Latency.Percentile(50):0.0} api_p99_ms={results[1].Latency.Percentile(99):0.0} page_p50_ms={results[2].Latency.Percentile(50):0.0} page_p99_ms={results[2].Latency.Percentile(99):0.0} errors={errors}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return errors == 0 ? 0 : 1;
    }
}
