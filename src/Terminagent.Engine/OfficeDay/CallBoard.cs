using System.Collections.Concurrent;

namespace Terminagent.Engine.OfficeDay;

/// <summary>
/// Wakes the event streams of an office (its call display, its counter pages) the moment its
/// queue changes on this app instance: a call, a drawn ticket, a check-in, a clerk's action. They
/// need not wait for their next look at the database; changes made on other instances reach them
/// by that regular look, this is only the shortcut.
/// </summary>
public sealed class CallBoard
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> next = new(StringComparer.Ordinal);

    /// <summary>Completes at the next change at the office. Take it before reading, so none slips in between.</summary>
    public Task NextChangeAsync(string officeId) =>
        next.GetOrAdd(officeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Tells every stream of the office that a change was committed.</summary>
    public void Announce(string officeId)
    {
        if (next.TryRemove(officeId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
