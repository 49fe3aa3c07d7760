using System.Net;
using System.Text.Json;

namespace Terminagent.Web.Tests.CallDisplay;

internal sealed record ServerEvent(string? Id, string? Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public long NumericId => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads a text/event-stream response the way EventSource does: fields until a blank line make an event.</summary>
internal sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public HttpResponseMessage Response => response;

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    public async Task<string> NextLineAsync(CancellationToken ct) =>
        await reader.ReadLineAsync(ct) ?? throw new InvalidOperationException("The event stream ended.");

    /// <summary>The next event with data; comments (heartbeats) and the retry hint are skipped.</summary>
    public async Task<ServerEvent> NextAsync(CancellationToken ct)
    {
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await NextLineAsync(ct);
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new ServerEvent(id, type, data);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data = data is null ? value : data + "\n" + value;
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
