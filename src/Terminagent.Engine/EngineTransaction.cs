using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Terminagent.Data;

namespace Terminagent.Engine;

/// <summary>
/// The one owner of transactions, in the manner of eShop's TransactionBehavior: an operation joins
/// the transaction its caller already opened (an erasure cancelling a citizen's appointments, a hold
/// expiring the lapsed holds in its way) or opens one of its own. Only the owner ends it: commit and
/// roll back are the owner's, and a joined operation's commit leaves the decision to its caller.
/// Disposed without a commit, an own transaction rolls back.
/// </summary>
public sealed class EngineTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private readonly string? savepoint;
    private bool ended;

    private EngineTransaction(IDbContextTransaction transaction, bool ownsTransaction, string? savepoint)
    {
        this.transaction = transaction;
        this.savepoint = savepoint;
        OwnsTransaction = ownsTransaction;
    }

    /// <summary>This operation opened the transaction (or the savepoint) and decides how it ends.</summary>
    public bool OwnsTransaction { get; }

    /// <summary>Joins the transaction open on <paramref name="db"/>, or opens one at <paramref name="isolation"/>.</summary>
    public static async Task<EngineTransaction> OpenOrJoinAsync(TerminagentDb db, IsolationLevel isolation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is { } open)
        {
            return new EngineTransaction(open, ownsTransaction: false, savepoint: null);
        }

        var transaction = isolation == IsolationLevel.Unspecified
            ? await db.Database.BeginTransactionAsync(ct)
            : await db.Database.BeginTransactionAsync(isolation, ct);
        return new EngineTransaction(transaction, ownsTransaction: true, savepoint: null);
    }

    /// <summary>A part of the open transaction that can be undone alone: a savepoint, released by the commit.</summary>
    public static async Task<EngineTransaction> PartAsync(TerminagentDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A part of a transaction needs the transaction: open one first.");
        var savepoint = $"part_{Guid.NewGuid():N}";
        await transaction.CreateSavepointAsync(savepoint, ct);
        return new EngineTransaction(transaction, ownsTransaction: true, savepoint);
    }

    /// <summary>Makes the work stand: commits an own transaction, releases a savepoint; a joined one is committed by its owner.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (!OwnsTransaction || ended)
        {
            return;
        }

        ended = true;
        if (savepoint is null)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.ReleaseSavepointAsync(savepoint, ct);
        }
    }

    /// <summary>
    /// Undoes the work at once, so what follows reads the database without it. A joined operation
    /// cannot undo its caller's transaction.
    /// </summary>
    public async Task RollBackAsync(CancellationToken ct)
    {
        if (!OwnsTransaction)
        {
            throw new InvalidOperationException("Only the operation that opened a transaction rolls it back.");
        }

        if (ended)
        {
            return;
        }

        ended = true;
        if (savepoint is null)
        {
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.RollbackToSavepointAsync(savepoint, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!OwnsTransaction)
        {
            return;
        }

        if (savepoint is null)
        {
            // Without a commit, disposing rolls the transaction back.
            await transaction.DisposeAsync();
        }
        else if (!ended)
        {
            await RollBackAsync(CancellationToken.None);
        }
    }
}

public static class EngineTransactions
{
    /// <inheritdoc cref="EngineTransaction.OpenOrJoinAsync"/>
    public static Task<EngineTransaction> OpenOrJoinTransactionAsync(this TerminagentDb db, CancellationToken ct) =>
        EngineTransaction.OpenOrJoinAsync(db, IsolationLevel.Unspecified, ct);

    /// <inheritdoc cref="EngineTransaction.OpenOrJoinAsync"/>
    public static Task<EngineTransaction> OpenOrJoinTransactionAsync(this TerminagentDb db, IsolationLevel isolation, CancellationToken ct) =>
        EngineTransaction.OpenOrJoinAsync(db, isolation, ct);

    /// <inheritdoc cref="EngineTransaction.PartAsync"/>
    public static Task<EngineTransaction> OpenPartAsync(this TerminagentDb db, CancellationToken ct) => EngineTransaction.PartAsync(db, ct);
}
