using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Terminagent.Trust.Infrastructure;

/// <summary>
/// Every HTTP call the fault scenarios make as citizens, in one place (the public JSON API), with a
/// tally of the answers. A request the app could not answer (it was killed, or is starting) counts
/// as unanswered and returns null; nothing here retries, the callers decide.
/// </summary>
public sealed class CitizenClient : IDisposable
{
    private readonly HttpClient http;
    private readonly ConcurrentDictionary<string, int> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> serverErrors = new();

    public CitizenClient(Uri baseAddress)
    {
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Answers by status code ("200", "409", "503"), and "unanswered".</summary>
    public IReadOnlyDictionary<string, int> Answers => answers;

    public int Served => answers.Where(a => a.Key != Unanswered).Sum(a => a.Value);

    public int ServerErrors => answers.Where(a => a.Key.StartsWith('5')).Sum(a => a.Value);

    public const string Unanswered = "unanswered";

    /// <summary>The first few 5xx answers: request and the start of the body, to find out why.</summary>
    public IReadOnlyList<string> ServerErrorSamples => serverErrors.ToList();

    public sealed record FreeTime(string OfficeId, DateTimeOffset Start);

    public async Task<IReadOnlyList<FreeTime>> FreeTimesAsync(string serviceId, string officeId, CancellationToken ct)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"api/v1/services/{serviceId}/free-times?office={officeId}", null, ct);
        if (status != HttpStatusCode.OK || body is null)
        {
            return [];
        }

        return body.Value.GetProperty("times").EnumerateArray()
            .Select(t => new FreeTime(t.GetProperty("officeId").GetString()!, t.GetProperty("start").GetDateTimeOffset()))
            .ToList();
    }

    public async Task<HttpStatusCode?> HoldAsync(string serviceId, FreeTime time, string name, string email, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/bookings", new { serviceId, officeId = time.OfficeId, start = time.Start, name, email, language = "de" }, ct, "booking")).Status;

    /// <summary>Confirms a hold; returns the manage token, or null.</summary>
    public async Task<string?> ConfirmBookingAsync(string token, CancellationToken ct) =>
        ManageToken(await SendAsync(HttpMethod.Post, "api/v1/bookings/confirm", new { token }, ct));

    public async Task<HttpStatusCode?> CancelBookingAsync(string manageToken, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/bookings/cancel", new { token = manageToken }, ct)).Status;

    public async Task<HttpStatusCode?> LeaveWishAsync(string serviceId, IReadOnlyList<string> officeIds, string name, string email, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/wishes", new
        {
            serviceId,
            officeIds,
            weekdays = new[] { 1, 2, 3, 4, 5, 6 },
            windows = new[] { new { from = "07:00", to = "20:00" } },
            name,
            email,
            language = "de",
        }, ct, "wish")).Status;

    public async Task<HttpStatusCode?> ConfirmWishAsync(string token, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/wishes/confirm", new { token }, ct)).Status;

    public async Task<HttpStatusCode?> AcceptOfferAsync(string token, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/offers/accept", new { token }, ct)).Status;

    public async Task<HttpStatusCode?> DeclineOfferAsync(string token, bool keepWish, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "api/v1/offers/decline", new { token, keepWish }, ct)).Status;

    /// <summary>A page, as a browser would ask for it: status, Retry-After and text.</summary>
    public async Task<(HttpStatusCode? Status, string? RetryAfter, string Body)> PageAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
            Count(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return (response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            Count(Unanswered);
            return (null, null, "");
        }
    }

    private static string? ManageToken((HttpStatusCode? Status, JsonElement? Body) answer) =>
        answer.Status == HttpStatusCode.OK && answer.Body is { } body && body.TryGetProperty("manageToken", out var token) && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;

    private async Task<(HttpStatusCode? Status, JsonElement? Body)> SendAsync(
        HttpMethod method, string path, object? json, CancellationToken ct, string? challengePurpose = null)
    {
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (challengePurpose is not null)
            {
                // Holds and wishes carry a solved proof-of-work, as every API client's do (README, bot defence).
                var challenge = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/v1/challenges?purpose={challengePurpose}", UriKind.Relative), ct);
                var text = challenge.GetProperty("challenge").GetString()!;
                request.Headers.Add("Terminagent-Challenge", text);
                request.Headers.Add("Terminagent-Nonce", Terminagent.Domain.Abuse.ProofOfWork.Solve(text, challenge.GetProperty("difficulty").GetInt32()));
            }

            if (json is not null)
            {
                request.Content = JsonContent.Create(json);
            }

            using var response = await http.SendAsync(request, ct);
            Count(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if ((int)response.StatusCode >= 500 && serverErrors.Count < 10)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                serverErrors.Enqueue($"{method} {path} → {(int)response.StatusCode}: {(text.Length <= 300 ? text : text[..300])}");
            }
            JsonElement? body = null;
            if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            {
                body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            }

            return (response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Count(Unanswered);
            return (null, null);
        }
    }

    private void Count(string outcome) => answers.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public void Dispose() => http.Dispose();
}
