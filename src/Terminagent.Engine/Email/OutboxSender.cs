using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Email;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Email;

/// <summary>
/// Delivers due outbox rows at least once. Rows are leased in batches before they are sent, by a
/// conditional update that only one instance can win for each row, so several app instances never
/// send a row at the same time; each row is marked sent as soon as the relay has it. A lease left behind by a crashed instance runs out and the row is sent again, with the
/// same Message-Id. A failed row is retried with growing pauses and never given up.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MessageBuilder builder,
    Clock clock,
    ILogger<OutboxSender> logger)
{
    public const int BatchSize = 50;
    public const int MaxErrorLength = 2000;
    public static readonly Duration LeaseDuration = Duration.FromMinutes(2);
    public static readonly Duration FirstRetryDelay = Duration.FromSeconds(10);
    public static readonly Duration MaxRetryDelay = Duration.FromMinutes(10);

    private long batches;

    /// <summary>Identifies this instance in <see cref="OutboxMessage.LeaseOwner"/>, followed there by the batch's number.</summary>
    public string InstanceId { get; } = NewInstanceId();

    /// <summary>The pause before the next try after <paramref name="attempts"/> failed ones: 10 s, 20 s, 40 s … at most 10 min.</summary>
    public static Duration RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 16);
        var delay = FirstRetryDelay * (1L << doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    /// <summary>Sends every row that is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
            var (lease, rows) = await ClaimBatchAsync(db, ct);
            if (rows.Count == 0)
            {
                return sent;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                // Past half its lease, the rest of the batch goes back and is claimed afresh, so a
                // slow relay never lets a lease run out under a row still waiting here.
                if (clock.Now >= lease.Until - (LeaseDuration / 2))
                {
                    await ReleaseAsync(db, lease, rows.Skip(i).Select(r => r.Id).ToList());
                    break;
                }

                Outcome outcome;
                try
                {
                    outcome = await SendAsync(db, lease, rows[i], ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await ReleaseAsync(db, lease, rows.Skip(i + 1).Select(r => r.Id).ToList());
                    throw;
                }

                if (outcome == Outcome.Sent)
                {
                    sent++;
                }
                else if (outcome == Outcome.TransportDown)
                {
                    await ReleaseAsync(db, lease, rows.Skip(i + 1).Select(r => r.Id).ToList());
                    return sent;
                }
            }
        }
    }

    /// <summary>
    /// Leases up to <see cref="BatchSize"/> due rows in one conditional update, under a lease of
    /// their own: only one instance, and one round of this instance, wins each row.
    /// </summary>
    private async Task<(Lease Lease, List<OutboxMessage> Rows)> ClaimBatchAsync(TerminagentDb db, CancellationToken ct)
    {
        var now = clock.Now;
        var candidates = await DueIds(db, now).ToListAsync(ct);
        var lease = new Lease($"{InstanceId}#{Interlocked.Increment(ref batches)}", now + LeaseDuration);
        if (candidates.Count == 0)
        {
            return (lease, []);
        }

        // Claimed by key. Whether a row is still due is checked once it is ours: asked in the update,
        // SQLite walks every due row instead of the fifty keys.
        var claimed = await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, lease.Owner)
                .SetProperty(m => m.LeaseUntil, lease.Until), ct);
        if (claimed == 0)
        {
            return (lease, []);
        }

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == lease.Owner && m.SentAt == null)
            .ToListAsync(ct);

        // Failed by another instance between our look and our claim: its retry is not due yet.
        var notDue = rows.Where(m => m.NextAttemptAt > now).Select(m => m.Id).ToList();
        await ReleaseAsync(db, lease, notDue);
        return (lease, [.. rows.Where(m => m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)]);
    }

    /// <summary>The next batch's keys: due, unsent and not leased, oldest first.</summary>
    internal static IQueryable<Guid> DueIds(TerminagentDb db, Instant now) => db.OutboxMessages
        .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
        .OrderBy(m => m.NextAttemptAt)
        .ThenBy(m => m.Id)
        .Select(m => m.Id)
        .Take(BatchSize);

    private async Task<Outcome> SendAsync(TerminagentDb db, Lease lease, OutboxMessage row, CancellationToken ct)
    {
        Exception? failure = null;
        var recorded = false;
        try
        {
            // Recorded as soon as the relay has it, before the goodbye: the window in which a
            // crash sends it twice is one UPDATE long.
            await transport.SendAsync(builder.Build(row), async () =>
            {
                await MarkSentAsync(db, row.Id);
                recorded = true;
            }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (!recorded)
            {
                await ReleaseAsync(db, lease, [row.Id]);
            }

            throw;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (recorded || failure is null)
        {
            if (!recorded)
            {
                await MarkSentAsync(db, row.Id);
            }

            LogSent(row.Id, row.Attempts + 1);
            return Outcome.Sent;
        }

        var attempts = row.Attempts + 1;
        var retryAt = clock.Now + RetryDelay(attempts);
        await MarkFailedAsync(db, lease, row.Id, attempts, retryAt, Describe(failure!));
        LogFailed(row.Id, attempts, retryAt, failure!.GetType().Name, SafeReason(failure));
        return IsAboutThisMessage(failure) ? Outcome.Failed : Outcome.TransportDown;
    }

    /// <summary>Marks the row sent even if its lease ran out meanwhile: it has left, whoever else may be trying too.</summary>
    private async Task MarkSentAsync(TerminagentDb db, Guid id)
    {
        var now = clock.Now;
        await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (Instant?)null), CancellationToken.None);
    }

    private static async Task MarkFailedAsync(TerminagentDb db, Lease lease, Guid id, int attempts, Instant retryAt, string error)
    {
        await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.LeaseOwner == lease.Owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (Instant?)null), CancellationToken.None);
    }

    /// <summary>
    /// Gives rows of the batch back at once (on shutdown, a relay that is down, a lease half gone)
    /// instead of letting their lease run out.
    /// </summary>
    private async Task ReleaseAsync(TerminagentDb db, Lease lease, List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.LeaseOwner == lease.Owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (Instant?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ids.Count, ex.GetType().Name);
        }
    }

    private static string NewInstanceId()
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length <= 88 ? id : id[^88..];
    }

    /// <summary>A refused recipient or message fails only this row; anything else (no connection, timeout) stops the round.</summary>
    private static bool IsAboutThisMessage(Exception ex) => ex is SmtpCommandException or InvalidOperationException or FormatException or ArgumentException;

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    /// <summary>For logs: a server's reply may quote the recipient, so only its status code is logged.</summary>
    private static string SafeReason(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}",
        SmtpProtocolException => "SMTP protocol error",
        _ => ex.Message,
    };

    /// <summary>A batch's lease: the owner written into its rows (this instance and the batch's number) and when it runs out.</summary>
    private sealed record Lease(string Owner, Instant Until);

    private enum Outcome
    {
        Sent,
        Failed,
        TransportDown,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent outbox message {OutboxId} (attempt {Attempt})")]
    private partial void LogSent(Guid outboxId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox message {OutboxId} failed (attempt {Attempt}); next try at {RetryAt}: {ErrorType} {Reason}")]
    private partial void LogFailed(Guid outboxId, int attempt, Instant retryAt, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of {Count} outbox messages: {ErrorType}")]
    private partial void LogReleaseFailed(int count, string errorType);
}
