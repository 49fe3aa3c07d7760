using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Terminagent.Engine.Email;

namespace Terminagent.Simulation;

/// <summary>
/// The simulated citizens' mailboxes. The engine's own outbox sender delivers into them, as it
/// would to a mail relay, and the citizens read what arrived: the same messages, with the same
/// links, that real citizens get.
/// </summary>
public sealed class SimulatedMailboxes : IMailTransport
{
    private readonly ConcurrentQueue<(string To, string Body)> unread = new();
    private long delivered;

    public long Delivered => Interlocked.Read(ref delivered);

    public async Task SendAsync(MimeMessage message, Func<Task> accepted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accepted);
        var body = message.TextBody ?? "";
        foreach (var to in message.To.Mailboxes)
        {
            unread.Enqueue((to.Address, body));
        }

        Interlocked.Increment(ref delivered);
        await accepted();
    }

    /// <summary>Everything delivered since the last call, oldest first.</summary>
    public IReadOnlyList<(string To, string Body)> TakeUnread()
    {
        var taken = new List<(string, string)>();
        while (unread.TryDequeue(out var mail))
        {
            taken.Add(mail);
        }

        return taken;
    }

    /// <summary>Makes a host's outbox deliver here instead of to its configured transport.</summary>
    public static IServiceCollection Use(IServiceCollection services)
    {
        services.RemoveAll<IMailTransport>();
        services.AddSingleton<SimulatedMailboxes>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<SimulatedMailboxes>());
        return services;
    }
}
