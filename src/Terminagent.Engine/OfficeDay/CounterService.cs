using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.OfficeDay;

/// <summary>What a clerk can do at a counter.</summary>
public enum CounterAction
{
    Call = 1,
    CallParked,
    Recall,
    Serve,
    NoShow,
    Park,
}

public enum CounterRefusal
{
    UnknownOffice,
    UnknownCounter,

    /// <summary>The counter still has a called citizen it has not finished with.</summary>
    CounterBusy,

    NobodyWaiting,

    /// <summary>No such visit in the office's queue.</summary>
    UnknownVisit,

    /// <summary>Someone else acted first: the visit is no longer in the state the action needs.</summary>
    ChangedMeanwhile,

    /// <summary>Too many counters called at the same moment for this one to get through; pressing again works.</summary>
    TryAgain,
}

/// <summary>The visit as it is now (after the action, or as another counter left it), or why nothing happened.</summary>
public sealed record CounterResult(Visit? Visit, CounterRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static CounterResult Refused(CounterRefusal refusal, Visit? visit = null) => new(visit, refusal);
}

/// <summary>
/// A clerk at a counter calls, recalls, serves, parks or marks citizens as not shown up. Every
/// change goes through the visit's state machine and is saved against its version, so when two
/// counters act on one citizen at once, one wins and the other hears what happened instead.
/// Every call writes its announcement for the call display in the same transaction.
/// </summary>
public sealed class CounterService(TerminagentDb db, City city, Clock clock, CallBoard board, AuditLog audit)
{
    /// <summary>Rounds a call may lose to other counters before the clerk is asked to press again.</summary>
    private const int Attempts = 20;

    /// <summary>Names this app's advisory locks on PostgreSQL (the first key); the office's hash is the second.</summary>
    private const int CallLockClass = 0x7A11;

    /// <summary>Calls the first waiting citizen in queue order to the counter.</summary>
    public async Task<CounterResult> CallNextAsync(string officeId, int counter, CancellationToken ct)
    {
        if (Check(officeId, counter) is { } refused)
        {
            return refused;
        }

        var office = city.FindOffice(officeId)!;
        var key = Counters.Key(counter);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.Now;
            var today = Counters.Today(office, now);
            await using var tx = await BeginCallAsync(officeId, ct);
            if (await CalledAtAsync(officeId, today, key, ct) is { } current)
            {
                return CounterResult.Refused(CounterRefusal.CounterBusy, current);
            }

            var waiting = await db.Visits
                .Where(v => v.OfficeId == officeId && v.Day == today && v.Status == VisitStatus.Waiting)
                .ToListAsync(ct);
            if (QueueOrder.Apply(waiting).FirstOrDefault() is not { } next)
            {
                return CounterResult.Refused(CounterRefusal.NobodyWaiting);
            }

            next.Call(key, now);
            Announce(next, now);
            audit.Add(AuditActions.CounterCallNext, officeId, Details(counter, next));

            // The version check makes the second of two counters that picked the same citizen
            // fail here; it then looks again and takes whoever is first now.
            if (await db.TrySaveChangesAsync(ct))
            {
                await tx.CommitAsync(ct);
                board.Announce(officeId);
                return new CounterResult(next, null);
            }

            await tx.RollBackAsync(ct);
            db.ChangeTracker.Clear();
        }

        return CounterResult.Refused(CounterRefusal.TryAgain);
    }

    /// <summary>
    /// Does what the clerk pressed for one visit: call a parked citizen back to this counter, call
    /// again, serve, mark as not come (an appointment's booking too; its places stay taken), or park
    /// (any counter may call them later). <see cref="CounterAction.Call"/> calls the next instead.
    /// </summary>
    public async Task<CounterResult> ActAsync(string officeId, int counter, Guid visitId, CounterAction action, CancellationToken ct)
    {
        if (Check(officeId, counter) is { } refused)
        {
            return refused;
        }

        if (action == CounterAction.Call)
        {
            return await CallNextAsync(officeId, counter, ct);
        }

        var office = city.FindOffice(officeId)!;
        var key = Counters.Key(counter);
        var announces = action is CounterAction.CallParked or CounterAction.Recall;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.Now;
            await using var tx = announces ? await BeginCallAsync(officeId, ct) : null;
            if (action == CounterAction.CallParked && await CalledAtAsync(officeId, Counters.Today(office, now), key, ct) is { } current)
            {
                return CounterResult.Refused(CounterRefusal.CounterBusy, current);
            }

            var visit = await db.Visits.FirstOrDefaultAsync(v => v.Id == visitId && v.OfficeId == officeId, ct);
            if (visit is null)
            {
                return CounterResult.Refused(CounterRefusal.UnknownVisit);
            }

            var outcome = action switch
            {
                CounterAction.CallParked => visit.Status == VisitStatus.Parked ? visit.Call(key, now) : VisitOutcome.NotPossible,
                CounterAction.Recall => visit.Recall(key, now),
                CounterAction.Serve => visit.Serve(key, now),
                CounterAction.NoShow => visit.MarkNoShow(key, now),
                CounterAction.Park => visit.Park(key),
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            };
            if (outcome == VisitOutcome.NotPossible)
            {
                return CounterResult.Refused(CounterRefusal.ChangedMeanwhile, visit);
            }

            if (announces)
            {
                Announce(visit, now);
            }

            audit.Add(AuditKey(action), officeId, Details(counter, visit));

            if (action == CounterAction.NoShow && visit.BookingId is { } bookingId
                && await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, ct) is { } booking)
            {
                // Called and not there: the appointment was not taken up, whatever the grace period says.
                booking.MarkNoShow(now, now);
            }

            if (await db.TrySaveChangesAsync(ct))
            {
                if (tx is not null)
                {
                    await tx.CommitAsync(ct);
                }

                board.Announce(officeId);
                return new CounterResult(visit, null);
            }

            // Another counter changed the visit (or a booking changed) since it was read: look
            // again; the state machine then says whether the action still makes sense.
            if (tx is not null)
            {
                await tx.RollBackAsync(ct);
            }

            db.ChangeTracker.Clear();
        }

        return CounterResult.Refused(CounterRefusal.TryAgain);
    }

    private static string AuditKey(CounterAction action) => action switch
    {
        CounterAction.CallParked => AuditActions.CounterCallParked,
        CounterAction.Recall => AuditActions.CounterRecall,
        CounterAction.Serve => AuditActions.CounterServe,
        CounterAction.NoShow => AuditActions.CounterNoShow,
        CounterAction.Park => AuditActions.CounterPark,
        _ => AuditActions.CounterCallNext,
    };

    /// <summary>The counter and the visit by its label (ticket number or booking code): no name.</summary>
    private static string Details(int counter, Visit visit) => $"Counter: {counter}\nVisit: {visit.Label}";

    private CounterResult? Check(string officeId, int counter) =>
        city.FindOffice(officeId) is not { } office ? CounterResult.Refused(CounterRefusal.UnknownOffice)
        : !Counters.Exists(office, counter) ? CounterResult.Refused(CounterRefusal.UnknownCounter)
        : null;

    private Task<Visit?> CalledAtAsync(string officeId, LocalDate today, string counter, CancellationToken ct) =>
        db.Visits.AsNoTracking()
            .FirstOrDefaultAsync(v => v.OfficeId == officeId && v.Day == today && v.Status == VisitStatus.Called && v.Counter == counter, ct);

    private void Announce(Visit visit, Instant now) => db.CallAnnouncements.Add(CallAnnouncement.For(visit, now));

    /// <summary>
    /// Calls at one office take turns: on PostgreSQL an advisory lock held until commit, on SQLite
    /// the single writer (its transactions begin IMMEDIATE). So a counter's "one call at a time"
    /// holds even for two of its own tabs, and announcements commit in the order of their ids, which
    /// lets a display resume after the last id it showed without missing one committed late.
    /// </summary>
    private async Task<EngineTransaction> BeginCallAsync(string officeId, CancellationToken ct)
    {
        var tx = await db.OpenOrJoinTransactionAsync(ct);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CallLockClass}, hashtext({officeId}))", ct);
        }

        return tx;
    }
}
