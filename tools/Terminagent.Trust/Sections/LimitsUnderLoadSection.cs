using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Terminagent.Domain.Abuse;
using Terminagent.Trust.Infrastructure;

namespace Terminagent.Trust.Sections;

/// <summary>
/// Abuse: the app behind a trusted proxy with its default limits; many people (one address each)
/// look for times and book while one bot polls and books from a single address with one email.
/// People must never meet a limit; the bot must, with Retry-After; nobody gets a 5xx.
/// </summary>
public sealed class LimitsUnderLoadSection(int peopleCount, int botReads) : ITrustSection
{
    private const string Service = "personalausweis";
    private const string Office = "hauptbahnhof";
    private const string BotAddress = "203.0.113.7";
    private const int BotHolds = 100;

    public string Name => "Limits under load";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(progress);
        await using var database = await ScratchDatabase.CreateAsync(context.PostgresServer, "trust_limits");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Folder",
            ["Mail:Folder"] = Path.Combine(context.WorkFolder, "limits-mail-" + Guid.NewGuid().ToString("N")),
            ["Workers:Enabled"] = "true",
            ["ClientAddress:KnownProxies:0"] = "127.0.0.1",

            // The default limits apply; an easy challenge keeps this machine's CPU for the app.
            ["ProofOfWork:Difficulty"] = "8",
        };
        progress("starting the app");
        await using var app = await AppProcess.StartAsync(settings, context.AppFolder, ct: ct);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var times = await FreeTimesAsync(http, "10.9.9.9", ct);
        var people = new Tally();
        var bot = new Tally();
        var started = DateTimeOffset.UtcNow;

        progress($"{peopleCount} people and a bot at once");
        var personTasks = Enumerable.Range(0, peopleCount).Select(async i =>
        {
            var address = $"10.{i / 250}.{i % 250}.{1 + (i % 200)}";
            for (var look = 0; look < 3; look++)
            {
                people.Add(await SendAsync(http, HttpMethod.Get, $"api/v1/services/{Service}/free-times?office={Office}", address, null, null, ct));
            }

            if (times.Count > 0)
            {
                people.Add(await HoldAsync(http, address, times[i % times.Count], $"person{i}@example.org", ct));
            }
        });
        var botReading = Parallel.ForEachAsync(Enumerable.Range(0, botReads), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (_, token) =>
            bot.Add(await SendAsync(http, HttpMethod.Get, $"api/v1/services/{Service}/free-times?office={Office}", BotAddress, null, null, token)));
        var botBooking = Parallel.ForEachAsync(Enumerable.Range(0, BotHolds), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            if (times.Count > 0)
            {
                bot.Add(await HoldAsync(http, BotAddress, times[^(1 + (i % times.Count))], "scalper@example.org", token));
            }
        });
        await Task.WhenAll(Task.WhenAll(personTasks), botReading, botBooking);
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;

        var broken = new List<string>();
        if (times.Count == 0)
        {
            broken.Add("no free times to book in the demo city");
        }

        if (people.Limited > 0)
        {
            broken.Add($"{people.Limited} requests of people met a limit");
        }

        if (people.ServerErrors + bot.ServerErrors > 0)
        {
            broken.Add($"{people.ServerErrors + bot.ServerErrors} answers were 5xx");
        }

        if (bot.Limited == 0)
        {
            broken.Add("the bot never met a limit");
        }

        if (bot.LimitedWithRetryAfter != bot.Limited)
        {
            broken.Add($"{bot.Limited - bot.LimitedWithRetryAfter} answers 429 lacked Retry-After");
        }

        if (bot.Created > 2)
        {
            broken.Add($"the bot's one email got {bot.Created} appointments (the cap is 2)");
        }

        var total = people.Total + bot.Total;
        return new SectionResult(
            Name,
            [
                new Figure("people (one address each): requests / answered / met a limit / 5xx", $"{N(people.Total)} / {N(people.Answered)} / {N(people.Limited)} / {N(people.ServerErrors)}"),
                new Figure("people: appointments held / time already taken", $"{N(people.Created)} / {N(people.Conflicts)}"),
                new Figure("bot (one address, one email): requests / 429 (with Retry-After)", $"{N(bot.Total)} / {N(bot.Limited)} ({N(bot.LimitedWithRetryAfter)})"),
                new Figure("bot: appointments got (cap 2 per email and service)", N(bot.Created)),
                new Figure("load held", $"{N(total)} requests in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({(total / seconds).ToString("0", CultureInfo.InvariantCulture)}/s) on 2 limits per address and 1 per email, counted in PostgreSQL"),
            ],
            0,
            0,
            broken);
    }

    private static async Task<IReadOnlyList<DateTimeOffset>> FreeTimesAsync(HttpClient http, string address, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"api/v1/services/{Service}/free-times?office={Office}", address);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("times").EnumerateArray().Select(t => t.GetProperty("start").GetDateTimeOffset()).ToList();
    }

    private static async Task<Answer> HoldAsync(HttpClient http, string address, DateTimeOffset start, string email, CancellationToken ct)
    {
        using var challengeRequest = Request(HttpMethod.Get, "api/v1/challenges?purpose=booking", address);
        using var challengeResponse = await http.SendAsync(challengeRequest, ct);
        if (challengeResponse.StatusCode != HttpStatusCode.OK)
        {
            return Answer.From(challengeResponse);
        }

        var challenge = await challengeResponse.Content.ReadFromJsonAsync<JsonElement>(ct);
        var text = challenge.GetProperty("challenge").GetString()!;
        var nonce = ProofOfWork.Solve(text, challenge.GetProperty("difficulty").GetInt32());
        return await SendAsync(http, HttpMethod.Post, "api/v1/bookings", address,
            new { serviceId = Service, officeId = Office, start, name = "Erika Muster", email, language = "de" }, (text, nonce), ct);
    }

    private static async Task<Answer> SendAsync(
        HttpClient http, HttpMethod method, string path, string address, object? json, (string Challenge, string Nonce)? solved, CancellationToken ct)
    {
        using var request = Request(method, path, address);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        if (solved is { } s)
        {
            request.Headers.Add("Terminagent-Challenge", s.Challenge);
            request.Headers.Add("Terminagent-Nonce", s.Nonce);
        }

        using var response = await http.SendAsync(request, ct);
        return Answer.From(response);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string address)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private readonly record struct Answer(int Status, bool RetryAfter)
    {
        public static Answer From(HttpResponseMessage response) => new((int)response.StatusCode, response.Headers.RetryAfter is not null);
    }

    private sealed class Tally
    {
        private readonly ConcurrentBag<Answer> answers = [];

        public int Total => answers.Count;

        public int Answered => answers.Count(a => a.Status < 500);

        public int Limited => answers.Count(a => a.Status == 429);

        public int LimitedWithRetryAfter => answers.Count(a => a.Status == 429 && a.RetryAfter);

        public int ServerErrors => answers.Count(a => a.Status >= 500);

        public int Created => answers.Count(a => a.Status == 201);

        public int Conflicts => answers.Count(a => a.Status == 409);

        public void Add(Answer answer) => answers.Add(answer);
    }
}
