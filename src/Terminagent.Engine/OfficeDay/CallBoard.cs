using System.Collections.Concurrent;

namespace Terminagent.Engine.OfficeDay;

/// <summary>
/// Wakes the call displays connected to this app instance the moment a call is made here, so
/// they need not wait for their next look at the database. Calls made on other instances reach
/// them by that regular look; this is only the shortcut.
/// </summary>
public sealed class CallBoard
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> next = new(StringComparer.Ordinal);

    /// <summary>Completes at the next call at the office. Take it before reading the calls, so none slips in between.</summary>
    public Task NextCallAsync(string officeId) =>
        next.GetOrAdd(officeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Tells every display of the office that a call was committed.</summary>
    public void Announce(string officeId)
    {
        if (next.TryRemove(officeId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
