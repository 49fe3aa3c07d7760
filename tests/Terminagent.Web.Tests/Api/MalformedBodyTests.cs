using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Api;

/// <summary>
/// Every JSON POST of the API answers an unreadable body with a 400 ProblemDetails and a code, in
/// the Development environment (an IDE's, dotnet watch's) as in any other.
/// </summary>
public sealed class MalformedBodyTests
{
    public static readonly string[] JsonPosts =
    [
        "/api/v1/bookings", "/api/v1/bookings/confirm", "/api/v1/bookings/cancel", "/api/v1/bookings/reschedule",
        "/api/v1/privacy/export", "/api/v1/privacy/erase",
        "/api/v1/wishes", "/api/v1/wishes/confirm", "/api/v1/wishes/update", "/api/v1/wishes/withdraw",
        "/api/v1/offers/accept", "/api/v1/offers/decline",
    ];

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task UnreadableBodies_Are400ProblemsWithACode(string environment)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, configure: b => b.UseEnvironment(environment));
        using var client = app.CreateClient();

        // Cut off, the wrong shape, and bytes that are not UTF-8 at all.
        byte[][] bodies = ["{"u8.ToArray(), "[]"u8.ToArray(), [0xC3, 0x28, 0xFF, 0xFE]];

        var wrong = new List<string>();
        foreach (var path in JsonPosts)
        {
            foreach (var body in bodies)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await client.PostAsync(path, content);
                var text = await response.Content.ReadAsStringAsync();
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    ? JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null
                    : null;
                if (response.StatusCode != HttpStatusCode.BadRequest || code is null)
                {
                    wrong.Add($"{path} {Convert.ToHexString(body)}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} code={code}");
                }
            }
        }

        Assert.Empty(wrong);
    }
}
