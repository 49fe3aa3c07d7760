using System.Text.Json;
using Terminagent.Domain.Abuse;

namespace Terminagent.Load;

/// <summary>A challenge fetched and solved, ready to go with a hold.</summary>
public sealed record SolvedChallenge(string Challenge, string Nonce)
{
    public void AddTo(HttpRequestMessage request)
    {
        request.Headers.Add("Terminagent-Challenge", Challenge);
        request.Headers.Add("Terminagent-Nonce", Nonce);
    }
}

/// <summary>
/// The proof-of-work every API client solves before it holds a time (see README, bot defence),
/// fetched on behalf of the citizen's address and verified by the app as in production.
/// </summary>
public static class Challenge
{
    public static async Task<SolvedChallenge> SolveAsync(HttpClient client, string purpose, string address, CancellationToken ct = default)
    {
        using var request = Addresses.Request(HttpMethod.Get, $"/api/v1/challenges?purpose={purpose}", address);
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ChallengeRefusedException(response.StatusCode);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var challenge = body.RootElement.GetProperty("challenge").GetString()!;
        return new SolvedChallenge(challenge, ProofOfWork.Solve(challenge, body.RootElement.GetProperty("difficulty").GetInt32()));
    }

    public static async Task AddSolvedAsync(HttpClient client, HttpRequestMessage request, string purpose, string address, CancellationToken ct = default) =>
        (await SolveAsync(client, purpose, address, ct)).AddTo(request);
}

/// <summary>The app would not hand out a challenge (e.g. 429): the hold is recorded with that status.</summary>
public sealed class ChallengeRefusedException(System.Net.HttpStatusCode status)
    : Exception($"GET /api/v1/challenges answered {(int)status}")
{
    public System.Net.HttpStatusCode Status { get; } = status;
}
