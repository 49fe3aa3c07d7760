using System.Net.Http.Json;
using System.Text.Json;
using Terminagent.Domain.Abuse;

namespace Terminagent.Load;

/// <summary>The proof-of-work every API client solves before it holds a time (see README, bot defence).</summary>
public static class Challenge
{
    public static async Task AddSolvedAsync(HttpClient client, HttpRequestMessage request, string purpose)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/challenges?purpose={purpose}");
        var challenge = body.GetProperty("challenge").GetString()!;
        request.Headers.Add("Terminagent-Challenge", challenge);
        request.Headers.Add("Terminagent-Nonce", ProofOfWork.Solve(challenge, body.GetProperty("difficulty").GetInt32()));
    }
}
