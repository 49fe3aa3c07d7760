using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Terminagent.Load;

/// <summary>
/// One citizen's journey through the 9 o'clock rush, the same in the closed and the open loop:
/// look up the free times of a random service on the released day (any day once it is full), hold
/// one of the first 20 shown with a solved challenge, and when someone else was faster (409) take
/// one of the alternatives the refusal names, up to <see cref="MaxAttempts"/> tries. A won hold is
/// confirmed with the token of its confirmation email on the other instance. Every request carries
/// the citizen's own address (<see cref="Addresses.Citizen"/>); <paramref name="people"/> starts each
/// citizen's email ("rush" for the load, which the database check counts). Thread-safe: all citizens share it.
/// </summary>
public sealed class Journeys(HttpClient[] clients, IReadOnlyList<string> services, string? day, Mailbox mailbox, string people = "rush")
{
    public const int MaxAttempts = 5;

    private int arrived;
    private int finished;
    private int abandoned;
    private int won;
    private int alreadyDone;
    private int gaveUp;
    private int stoppedAtEnd;
    private int nothingFree;
    private int confirmed;
    private int confirmFailed;

    public Latency FreeTimes { get; } = new("GET free-times");

    public Latency Hold { get; } = new("POST /bookings (hold)");

    public Latency Confirm { get; } = new("POST /bookings/confirm");

    public int Arrived => Volatile.Read(ref arrived);

    public int Finished => Volatile.Read(ref finished);

    public int Abandoned => Volatile.Read(ref abandoned);

    public int Won => Volatile.Read(ref won);

    public int Confirmed => Volatile.Read(ref confirmed);

    /// <summary>Answers 5xx, of every kind of request.</summary>
    public int ServerErrors => Hold.CountOf(IsServerError) + FreeTimes.CountOf(IsServerError) + Confirm.CountOf(IsServerError);

    /// <summary>Requests that got no answer (connection failures, time-outs, abandoned at the end).</summary>
    public int NoAnswers => Hold.CountOf(IsNoAnswer) + FreeTimes.CountOf(IsNoAnswer) + Confirm.CountOf(IsNoAnswer);

    /// <summary>
    /// Citizen <paramref name="citizen"/>'s journey against instance <paramref name="instance"/>. Its first
    /// request's latency counts from <paramref name="intended"/> (the moment the citizen meant to send it),
    /// each later one's from the moment the previous answer arrived. <paramref name="stopping"/> says when
    /// to give up retrying; <paramref name="confirm"/> receives a won hold (email, instance, address);
    /// <paramref name="abandon"/> stops waiting for answers at the end of an open-loop run.
    /// </summary>
    public async Task RunAsync(
        long citizen, int instance, long intended, Func<bool> stopping, Func<string, int, string, Task> confirm, CancellationToken abandon)
    {
        Interlocked.Increment(ref arrived);
        try
        {
            await JourneyAsync(citizen, instance, intended, stopping, confirm, abandon);
            Interlocked.Increment(ref finished);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            Interlocked.Increment(ref abandoned);
        }
    }

    private async Task JourneyAsync(
        long citizen, int instance, long intended, Func<bool> stopping, Func<string, int, string, Task> confirm, CancellationToken abandon)
    {
        var inv = CultureInfo.InvariantCulture;
        var random = new Random(unchecked((int)citizen));
        var address = Addresses.Citizen(citizen);
        var client = clients[instance];
        var service = services[random.Next(services.Count)];
        var email = string.Create(inv, $"{people}-{citizen}@example.org");

        var (times, answered) = await FreeTimesAsync(client, service, day, address, intended, abandon);
        if (times.Count == 0 && day is not null)
        {
            (times, answered) = await FreeTimesAsync(client, service, null, address, answered, abandon);
        }

        if (times.Count == 0)
        {
            Interlocked.Increment(ref nothingFree);
            return;
        }

        // People choose among the first times shown, not all the very first one.
        var time = times[random.Next(Math.Min(times.Count, 20))];
        var started = answered;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                // Like every API client: a solved proof-of-work challenge with each hold.
                using var holdRequest = Addresses.Request(HttpMethod.Post, "/api/v1/bookings", address);
                await Challenge.AddSolvedAsync(client, holdRequest, "booking", address, abandon);
                holdRequest.Content = JsonContent.Create(new
                {
                    serviceId = service,
                    officeId = time.GetProperty("officeId").GetString(),
                    start = time.GetProperty("start").GetString(),
                    name = string.Create(inv, $"Rush Citizen {citizen}"),
                    email,
                    language = "de",
                });
                response = await client.SendAsync(holdRequest, abandon);
            }
            catch (ChallengeRefusedException ex)
            {
                Hold.Record(started, Http.Outcome(ex.Status) + " (challenge)");
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Hold.Record(started, abandon.IsCancellationRequested ? "abandoned" : ex.GetType().Name);
                abandon.ThrowIfCancellationRequested();
                return;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(abandon);
                Hold.Record(started, Http.Outcome(response.StatusCode));
                started = Latency.Start();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref won);
                    await confirm(email, (instance + 1) % clients.Length, address);
                    return;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref alreadyDone);
                    return;
                }

                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    return;
                }

                if (attempt == MaxAttempts || stopping())
                {
                    Interlocked.Increment(ref attempt == MaxAttempts ? ref gaveUp : ref stoppedAtEnd);
                    return;
                }

                // Someone else was faster: take one of the nearest alternatives the refusal offers.
                using var problem = JsonDocument.Parse(body);
                if (!problem.RootElement.TryGetProperty("alternatives", out var alternatives) || alternatives.GetArrayLength() == 0)
                {
                    Interlocked.Increment(ref gaveUp);
                    return;
                }

                time = alternatives[random.Next(alternatives.GetArrayLength())].Clone();
            }
        }
    }

    /// <summary>
    /// Follows the link of the confirmation email to <paramref name="email"/> on <paramref name="instance"/>:
    /// the latency counts from the moment the token was read from the outbox.
    /// </summary>
    public async Task ConfirmAsync(string email, int instance, string address, CancellationToken abandon)
    {
        string token;
        try
        {
            token = await mailbox.ConfirmTokenAsync(email).WaitAsync(TimeSpan.FromSeconds(30), abandon);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref confirmFailed);
            return;
        }

        var started = Latency.Start();
        try
        {
            using var request = Addresses.Request(HttpMethod.Post, "/api/v1/bookings/confirm", address);
            request.Content = JsonContent.Create(new { token });
            using var response = await clients[instance].SendAsync(request, abandon);
            await response.Content.LoadIntoBufferAsync(abandon);
            Confirm.Record(started, Http.Outcome(response.StatusCode));
            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref confirmed : ref confirmFailed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Confirm.Record(started, abandon.IsCancellationRequested ? "abandoned" : ex.GetType().Name);
            Interlocked.Increment(ref confirmFailed);
            abandon.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The figures both loops print: latencies, statuses, outcomes of the journeys.</summary>
    public void Print(TimeSpan elapsed)
    {
        Console.WriteLine(FreeTimes.Describe(elapsed));
        Console.WriteLine(Hold.Describe(elapsed));
        Console.WriteLine(Confirm.Describe(elapsed));
        Console.WriteLine($"  free-times by status: {FreeTimes.DescribeOutcomes()}");
        Console.WriteLine($"  holds by status:      {Hold.DescribeOutcomes()}   (409 = someone else was faster)");
        Console.WriteLine($"  confirms by status:   {Confirm.DescribeOutcomes()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bookings won: {Won} ({Won / elapsed.TotalSeconds:0.0}/s); confirmed afterwards: {Confirmed}; gave up after {MaxAttempts} conflicts or without alternatives: {gaveUp}; stopped after a conflict as the run ended: {stoppedAtEnd}; found nothing free: {nothingFree}; repeated holds answered 200: {alreadyDone}; confirmations failed: {confirmFailed}"));
        Console.WriteLine($"server errors (5xx): {ServerErrors}; requests without an answer: {NoAnswers}");
    }

    private static bool IsServerError(string outcome) => outcome.StartsWith('5');

    private static bool IsNoAnswer(string outcome) => !char.IsAsciiDigit(outcome[0]);

    /// <summary>The free times shown, and the moment their answer arrived.</summary>
    private async Task<(List<JsonElement> Times, long Answered)> FreeTimesAsync(
        HttpClient client, string service, string? onDay, string address, long started, CancellationToken abandon)
    {
        try
        {
            using var request = Addresses.Request(HttpMethod.Get, $"/api/v1/services/{service}/free-times{(onDay is null ? "" : $"?day={onDay}")}", address);
            using var response = await client.SendAsync(request, abandon);
            var body = await response.Content.ReadAsStringAsync(abandon);
            FreeTimes.Record(started, Http.Outcome(response.StatusCode));
            var answered = Latency.Start();
            if (!response.IsSuccessStatusCode)
            {
                return ([], answered);
            }

            using var doc = JsonDocument.Parse(body);
            return ([.. doc.RootElement.GetProperty("times").EnumerateArray().Select(t => t.Clone())], answered);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            FreeTimes.Record(started, abandon.IsCancellationRequested ? "abandoned" : ex.GetType().Name);
            abandon.ThrowIfCancellationRequested();
            return ([], Latency.Start());
        }
    }
}
