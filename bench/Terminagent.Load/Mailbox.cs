using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Npgsql;

namespace Terminagent.Load;

/// <summary>
/// The citizens' inboxes: the confirmation link of a hold is read from the outbox row the app
/// wrote in the hold's transaction, by one poller for all waiting citizens, as the link in the
/// email would be followed. Reading the table rather than the sent .eml files keeps the outbox
/// worker's pace (a round every few seconds) out of the measurement.
/// </summary>
public sealed partial class Mailbox(string connectionString) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private Task? poller;

    public void Start() => poller = Task.Run(() => PollAsync(stop.Token));

    /// <summary>The token of the confirmation link emailed to <paramref name="address"/>.</summary>
    public Task<string> ConfirmTokenAsync(string address)
    {
        var tcs = waiting.GetOrAdd(address, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        return tcs.Task;
    }

    private async Task PollAsync(CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        while (!ct.IsCancellationRequested)
        {
            var addresses = waiting.Where(w => !w.Value.Task.IsCompleted).Select(w => w.Key).ToArray();
            if (addresses.Length > 0)
            {
                try
                {
                    await using var command = source.CreateCommand(
                        """SELECT "ToAddress", "TextBody" FROM outbox_messages WHERE "ToAddress" = ANY($1)""");
                    command.Parameters.Add(new NpgsqlParameter { Value = addresses });
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        var match = ConfirmLink().Match(reader.GetString(1));
                        if (match.Success && waiting.TryGetValue(reader.GetString(0), out var tcs))
                        {
                            tcs.TrySetResult(match.Groups[1].Value);
                        }
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"mailbox: {ex.Message}");
                }
            }

            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (poller is not null)
        {
            try
            {
                await poller;
            }
            catch (OperationCanceledException)
            {
                // Stopped in the middle of a look: nobody waits for its answer any more.
            }
        }

        foreach (var tcs in waiting.Values)
        {
            tcs.TrySetCanceled();
        }

        stop.Dispose();
    }

    [GeneratedRegex(@"/confirm/([A-Za-z0-9_\-]+)")]
    private static partial Regex ConfirmLink();
}
