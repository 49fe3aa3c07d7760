using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Terminagent.Load;

/// <summary>How to run the race for the last place; <c>Day</c> is a released day after the app's today.</summary>
public sealed record LastPlaceOptions(IReadOnlyList<Uri> Instances, int Clients, string Day, string ConnectionString, bool ResetPgStats);

/// <summary>
/// The race for the last place: one released slot of a one-slot service is brought down to one
/// free place (the others held through the API, one citizen each), then <see cref="LastPlaceOptions.Clients"/>
/// citizens, split across the instances, each with its own solved challenge and address, ask to
/// hold exactly that time at the same moment. Exactly one may win; the others should hear 409 and
/// the nearest alternatives. Both instances have held and refused before (a warm-up on the day
/// before); challenges are solved and connections opened before the start.
/// </summary>
public static class LastPlace
{
    private const string CandidatesSql = """
        SELECT "OfficeId", "Start", "Capacity", "HeldBack", "Capacity" - "HeldBack" - "Taken" AS free
        FROM slots
        WHERE "Date" = $1 AND "OfficeId" = ANY($2) AND NOT "IsWithdrawn" AND "Capacity" - "HeldBack" - "Taken" >= 1
        ORDER BY free, "Start"
        LIMIT 20
        """;

    private const string SlotSql = """
        SELECT "Capacity", "HeldBack", "Taken" FROM slots WHERE "OfficeId" = $1 AND "Start" = $2
        """;

    public static async Task<int> RunAsync(LastPlaceOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var clients = options.Instances.Select(u => Http.ClientFor(u, options.Clients)).ToArray();
        await using var db = NpgsqlDataSource.Create(options.ConnectionString);

        // A service that takes one slot: the one place of one slot is the whole race.
        var slotMinutes = Convert.ToInt32(await db.CreateCommand("""SELECT EXTRACT(EPOCH FROM "End" - "Start") / 60 FROM slots LIMIT 1""").ExecuteScalarAsync(), inv);
        using var servicesDoc = JsonDocument.Parse(await clients[0].GetStringAsync("/api/v1/services"));
        var service = servicesDoc.RootElement.EnumerateArray()
            .Where(s => s.GetProperty("durationMinutes").GetInt32() == slotMinutes)
            .OrderByDescending(s => s.GetProperty("offices").GetArrayLength())
            .Select(s => (Id: s.GetProperty("id").GetString()!, Offices: s.GetProperty("offices").EnumerateArray().Select(o => o.GetString()!).ToArray()))
            .First();
        var day = DateOnly.ParseExact(options.Day, "yyyy-MM-dd", inv);

        // The released slot with the fewest free places that the API also shows as free for the service.
        (string Office, DateTime Start, int Free)? chosen = null;
        await using (var candidates = db.CreateCommand(CandidatesSql))
        {
            candidates.Parameters.Add(new NpgsqlParameter { Value = day });
            candidates.Parameters.Add(new NpgsqlParameter { Value = service.Offices });
            var rows = new List<(string Office, DateTime Start, int Free)>();
            await using (var reader = await candidates.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetInt32(4)));
                }
            }

            foreach (var row in rows)
            {
                using var shown = JsonDocument.Parse(await clients[0].GetStringAsync($"/api/v1/services/{service.Id}/free-times?office={row.Office}&day={options.Day}"));
                if (shown.RootElement.GetProperty("times").EnumerateArray().Any(t => t.GetProperty("start").GetDateTimeOffset().UtcDateTime == row.Start))
                {
                    chosen = row;
                    break;
                }
            }
        }

        if (chosen is not { } slot)
        {
            Console.Error.WriteLine($"lastplace: no free slot of {options.Day} for '{service.Id}' that the API shows as free");
            return 2;
        }

        await WarmUpAsync(clients, service.Id, day.AddDays(-1).ToString("yyyy-MM-dd", inv));
        var start = new DateTimeOffset(slot.Start, TimeSpan.Zero);
        Console.WriteLine(string.Create(inv,
            $"last place: {service.Id} ({slotMinutes} min, one slot) at {slot.Office}, {start:yyyy-MM-dd HH:mm} UTC, {slot.Free} free"));

        // Hold all but one place, one citizen each, as the rush would have.
        var citizen = 2_000_000L;
        for (var i = 0; i < slot.Free - 1; i++, citizen++)
        {
            var address = Addresses.Citizen(citizen);
            using var request = Hold(service.Id, slot.Office, start, citizen, address);
            await Challenge.AddSolvedAsync(clients[i % clients.Length], request, "booking", address);
            using var response = await clients[i % clients.Length].SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Console.Error.WriteLine($"lastplace: holding place {i + 1} of {slot.Free - 1} to leave one answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return 2;
            }
        }

        var fillers = slot.Free - 1;
        var (capacity, heldBack, taken) = await SlotAsync(db, slot.Office, slot.Start);
        Console.WriteLine(string.Create(inv,
            $"held first: {fillers}; the slot has {capacity} places, {heldBack} held back for the same-day release, {taken} taken: {capacity - heldBack - taken} left"));

        // Everything the racers need before the start: a solved challenge each, the request built, a connection open.
        var racers = Enumerable.Range(0, options.Clients).Select(i => (Citizen: citizen + i, Instance: i % clients.Length)).ToArray();
        var prepared = Stopwatch.GetTimestamp();
        var requests = await Task.WhenAll(racers.Select(r => Task.Run(async () =>
        {
            var address = Addresses.Citizen(r.Citizen);
            var request = Hold(service.Id, slot.Office, start, r.Citizen, address);
            await Challenge.AddSolvedAsync(clients[r.Instance], request, "booking", address);
            return request;
        })));
        await Task.WhenAll(racers.Select(r => Task.Run(async () =>
        {
            using var response = await clients[r.Instance].GetAsync("/health");
        })));
        Console.WriteLine(string.Create(inv,
            $"{options.Clients} citizens ready, split across {clients.Length} instances: challenges solved and connections open in {Stopwatch.GetElapsedTime(prepared).TotalSeconds:0.0} s"));
        if (options.ResetPgStats)
        {
            await PgStats.ResetAsync(options.ConnectionString);
        }

        var latency = new Latency("POST /bookings (last place)");
        var withAlternatives = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fired = 0L;
        var answered = new long[racers.Length];
        var race = racers.Select((r, i) => Task.Run(async () =>
        {
            var request = requests[i];
            await gate.Task;
            try
            {
                using var response = await clients[r.Instance].SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                latency.Record(fired, Http.Outcome(response.StatusCode));
                if (response.StatusCode == HttpStatusCode.Conflict && HasAlternatives(body))
                {
                    Interlocked.Increment(ref withAlternatives);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                latency.Record(fired, ex.GetType().Name);
            }
            finally
            {
                request.Dispose();
                answered[i] = Stopwatch.GetTimestamp();
            }
        })).ToArray();

        // Every racer waits at the gate; then all at once.
        await Task.Delay(500);
        fired = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(race);
        var allAnswered = (answered.Max() - fired) * 1000.0 / Stopwatch.Frequency;

        var outcomes = latency.Outcomes();
        var created = outcomes.GetValueOrDefault("201");
        var conflicts = outcomes.GetValueOrDefault("409");
        var serverErrors = latency.CountOf(o => o.StartsWith('5'));
        var noAnswer = latency.CountOf(o => !char.IsAsciiDigit(o[0]));
        var other = latency.Count - created - conflicts;
        Console.WriteLine();
        Console.WriteLine(latency.Describe(TimeSpan.FromMilliseconds(allAnswered)));
        Console.WriteLine($"  by status: {latency.DescribeOutcomes()}");
        Console.WriteLine(string.Create(inv,
            $"won (201): {created}; someone else was faster (409): {conflicts}, {withAlternatives} of them with alternatives; other answers: {other} (5xx: {serverErrors}, no answer: {noAnswer})"));
        Console.WriteLine(string.Create(inv,
            $"from the start until the last citizen had an answer: {allAnswered:0} ms; slowest answer {latency.Percentile(100):0} ms (latencies count from the start)"));
        (capacity, heldBack, taken) = await SlotAsync(db, slot.Office, slot.Start);
        Console.WriteLine($"the slot afterwards: {taken} of {capacity - heldBack} places not held back taken");

        var check = await DoubleBookingCheck.RunAsync(options.ConnectionString, fillers + created, 0);
        Console.WriteLine(string.Create(inv,
            $"RESULT clients={options.Clients} created={created} conflict={conflicts} conflict_with_alternatives={withAlternatives} other={other} server_errors={serverErrors} all_answered_ms={allAnswered:0} max_ms={latency.Percentile(100):0} double_booking={(check ? "none" : "FOUND")}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        if (created != 1)
        {
            Console.WriteLine($"FAILED: {created} citizens won the one place");
        }

        return created == 1 && serverErrors == 0 && noAnswer == 0 && check ? 0 : 1;
    }

    /// <summary>
    /// By 09:00 a city's servers have booked all morning: on the day before the race's, each of 20 times
    /// is asked for twice, on both instances, so that the code of a won hold and of a refusal with its
    /// alternatives is compiled before the race. These citizens' emails start with "warm", apart from the
    /// race's in the database check.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient[] clients, string service, string day)
    {
        using var shown = JsonDocument.Parse(await clients[0].GetStringAsync($"/api/v1/services/{service}/free-times?day={day}"));
        var times = shown.RootElement.GetProperty("times").EnumerateArray().Take(20).ToArray();
        var outcomes = new Dictionary<HttpStatusCode, int>();
        var citizen = 3_000_000L;
        foreach (var time in times)
        {
            for (var i = 0; i < clients.Length * 2; i++, citizen++)
            {
                var client = clients[i % clients.Length];
                var address = Addresses.Citizen(citizen);
                using var request = Hold(service, time.GetProperty("officeId").GetString()!, time.GetProperty("start").GetDateTimeOffset(), citizen, address, "warm");
                await Challenge.AddSolvedAsync(client, request, "booking", address);
                using var response = await client.SendAsync(request);
                outcomes[response.StatusCode] = outcomes.GetValueOrDefault(response.StatusCode) + 1;
            }
        }

        Console.WriteLine($"warm-up on {day}: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{(int)o.Key}: {o.Value}"))}");
    }

    private static HttpRequestMessage Hold(string service, string office, DateTimeOffset start, long citizen, string address, string people = "rush-last")
    {
        var request = Addresses.Request(HttpMethod.Post, "/api/v1/bookings", address);
        request.Content = JsonContent.Create(new
        {
            serviceId = service,
            officeId = office,
            start,
            name = string.Create(CultureInfo.InvariantCulture, $"Last Place {citizen}"),
            email = string.Create(CultureInfo.InvariantCulture, $"{people}-{citizen}@example.org"),
            language = "de",
        });
        return request;
    }

    private static bool HasAlternatives(string body)
    {
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("alternatives", out var alternatives)
            && alternatives.ValueKind == JsonValueKind.Array && alternatives.GetArrayLength() > 0;
    }

    private static async Task<(int Capacity, int HeldBack, int Taken)> SlotAsync(NpgsqlDataSource db, string office, DateTime start)
    {
        await using var command = db.CreateCommand(SlotSql);
        command.Parameters.Add(new NpgsqlParameter { Value = office });
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
