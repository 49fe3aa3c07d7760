using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Terminagent.Domain.Abuse;

namespace Terminagent.Web.Tests.Infrastructure;

/// <summary>
/// Does what proof-of-work.js does in a browser and what an API client must do: before a POST that
/// creates a booking or wish (/book, /wish, /api/v1/bookings, /api/v1/wishes) without a challenge,
/// it gets one from /api/v1/challenges, solves it and adds it (form fields or headers).
/// </summary>
public sealed class ProofOfWorkSolver : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.RequestUri is { } uri)
        {
            var path = (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]).TrimEnd('/');
            switch (path)
            {
                // By content type: the redirect handler has already copied the form into bytes.
                case "/book" or "/wish" when request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded":
                    var fields = await request.Content.ReadAsStringAsync(cancellationToken);
                    if (!fields.Split('&').Any(f => f.StartsWith("challenge=", StringComparison.Ordinal)))
                    {
                        var (challenge, nonce) = await SolveAsync(request, path == "/book" ? "booking" : "wish", cancellationToken);
                        request.Content = new StringContent(
                            $"{fields}&challenge={Uri.EscapeDataString(challenge)}&nonce={nonce}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                    }

                    break;
                case "/api/v1/bookings" or "/api/v1/wishes" when !request.Headers.Contains("Terminagent-Challenge"):
                    var (token, solution) = await SolveAsync(request, path.EndsWith("bookings", StringComparison.Ordinal) ? "booking" : "wish", cancellationToken);
                    request.Headers.Add("Terminagent-Challenge", token);
                    request.Headers.Add("Terminagent-Nonce", solution);
                    break;
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<(string Challenge, string Nonce)> SolveAsync(HttpRequestMessage original, string purpose, CancellationToken ct)
    {
        var address = new Uri(original.RequestUri!.IsAbsoluteUri ? original.RequestUri : new Uri("http://localhost"), $"/api/v1/challenges?purpose={purpose}");
        using var get = new HttpRequestMessage(HttpMethod.Get, address);
        foreach (var header in original.Headers.Where(h => h.Key is "Test-Peer" or "X-Forwarded-For"))
        {
            get.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await base.SendAsync(get, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"No challenge: {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var challenge = body.GetProperty("challenge").GetString()!;
        return (challenge, ProofOfWork.Solve(challenge, body.GetProperty("difficulty").GetInt32()));
    }
}

/// <summary>
/// The in-memory test server has no peer address: a test names one with the Test-Peer header, as if
/// the request came from there (the forwarded-headers tests need a peer that is or is not a proxy).
/// </summary>
internal sealed class TestPeerAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextStep) =>
        {
            if (context.Request.Headers["Test-Peer"].FirstOrDefault() is { } peer && IPAddress.TryParse(peer, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextStep(context);
        });
        next(app);
    };
}
