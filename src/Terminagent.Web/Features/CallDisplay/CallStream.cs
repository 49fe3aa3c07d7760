using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.CallDisplay;

/// <summary>One call as the display's script receives it.</summary>
public sealed record CallEvent(long Id, Guid VisitId, string Label, string Counter, string CounterName, string Time)
{
    public static CallEvent From(CallAnnouncement call, Office office, string lang) =>
        new(call.Id, call.VisitId, call.Label, call.Counter, Counters.Name(call.Counter, lang), TimeFormat.Time(call.CalledAt, office));
}

/// <summary>
/// The calls of an office as Server-Sent Events. Each event's id is the call's id, so a display
/// that reconnects (its EventSource sends Last-Event-ID) gets exactly the calls it missed. The
/// stream looks into the database every couple of seconds, which brings calls made on other app
/// instances, and wakes at once for changes made on this one (<see cref="CallBoard"/>).
/// A counter page asks with ?queue= and the stamp of the queue it shows; the stream then also
/// sends a "queue" event (without id, so the call position stays) whenever the stamp changes.
/// </summary>
public static class CallStream
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>A comment line this often keeps proxies from closing a quiet connection.</summary>
    public static readonly Duration HeartbeatInterval = Duration.FromSeconds(15);

    /// <summary>How long a browser waits before reconnecting after the connection dropped.</summary>
    public const int RetryMilliseconds = 3000;

    /// <summary>The query key by which a counter page asks for queue events, with the stamp it shows.</summary>
    public const string QueueKey = "queue";

    private const int Batch = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task StreamAsync(
        string office, HttpContext http, City city, DeviceRegistry devices, CallFeed feed, CallBoard board, OfficeQueueQuery queues,
        Clock clock, Language lang, IHostApplicationLifetime lifetime)
    {
        if (city.FindOffice(office) is not { } known)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!await CallDisplayAccess.AllowedAsync(http, devices, office, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        try
        {
            var lastId = StartAfter(http.Request) ?? await feed.LastIdAsync(known, ct);
            var shownStamp = http.Request.Query.TryGetValue(QueueKey, out var asked) ? asked.ToString() : null;
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(http, $"retry: {RetryMilliseconds}\n\n", ct);
            var lastWrite = clock.Now;
            while (!ct.IsCancellationRequested)
            {
                // Taken before reading, so a change committed in between still wakes the next wait.
                var nextChange = board.NextChangeAsync(office);
                var events = new StringBuilder();
                var calls = await feed.AfterAsync(known, lastId, Batch, ct);
                foreach (var call in calls)
                {
                    var data = JsonSerializer.Serialize(CallEvent.From(call, known, lang.Code), Json);
                    events.Append(CultureInfo.InvariantCulture, $"id: {call.Id}\nevent: call\ndata: {data}\n\n");
                    lastId = call.Id;
                }

                if (shownStamp is not null && await queues.StampAsync(office, ct) is { } stamp && stamp != shownStamp)
                {
                    events.Append(CultureInfo.InvariantCulture, $"event: queue\ndata: {JsonSerializer.Serialize(new { stamp }, Json)}\n\n");
                    shownStamp = stamp;
                }

                if (events.Length > 0)
                {
                    await WriteAsync(http, events.ToString(), ct);
                    lastWrite = clock.Now;
                    if (calls.Count == Batch)
                    {
                        continue;
                    }
                }
                else if (clock.Now - lastWrite >= HeartbeatInterval)
                {
                    // A revoked display stops here; its reconnect is then refused.
                    if (!await CallDisplayAccess.AllowedAsync(http, devices, office, ct))
                    {
                        return;
                    }

                    await WriteAsync(http, ": keep-alive\n\n", ct);
                    lastWrite = clock.Now;
                }

                using var pause = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(nextChange, Task.Delay(PollInterval, clock.Provider, pause.Token));
                await pause.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The display went away or the app stops: nothing to finish.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>Where to resume: the browser's Last-Event-ID after a drop, else the page's ?after=, else from now on.</summary>
    private static long? StartAfter(HttpRequest request)
    {
        foreach (var text in new[] { request.Headers["Last-Event-ID"].ToString(), request.Query["after"].ToString() })
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
