using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.OfficeDay;

/// <summary>
/// Marks confirmed appointments nobody checked in for by the end of the grace period as
/// no-shows. Their places stay taken: the time has passed, there is nothing left to resell.
/// </summary>
public sealed class NoShowRule(TerminagentDb db, IOptions<OfficeDayOptions> options, NoShowProgress progress)
{
    private const int Batch = 200;

    /// <summary>
    /// How far back the first round of a process looks. The worker runs every minute, so anything
    /// older was decided long ago; without the bound each round would scan every confirmed booking
    /// ever checked in, a table that grows with every day the city runs. A worker stopped for longer
    /// than this leaves the older appointments confirmed (they still count as not checked in).
    /// </summary>
    public static readonly Duration LookBack = Duration.FromDays(7);

    /// <summary>
    /// How far before the last finished round's bound a later round looks. A booking is confirmed
    /// only before its start, so none becomes due behind a round that decided everything up to its
    /// bound; the hour covers clocks of several instances that disagree by a little.
    /// </summary>
    public static readonly Duration Overlap = Duration.FromHours(1);

    /// <summary>Marks every due no-show; returns how many it marked.</summary>
    public async Task<int> MarkDueAsync(Instant now, CancellationToken ct)
    {
        var grace = options.Value.NoShowGrace;
        var startedBy = now - grace;
        var startedAfter = now - LookBack;

        // Rather than the whole week each minute, a round reads only what came due since the last
        // round of this process finished; a clock set back reads the whole week again.
        if (progress.DecidedUpTo is { } decided && decided <= startedBy && decided - Overlap > startedAfter)
        {
            startedAfter = decided - Overlap;
        }

        var marked = 0;
        while (true)
        {
            var due = await db.Bookings
                .Where(b => b.Status == BookingStatus.Confirmed && b.Start <= startedBy && b.Start > startedAfter && !db.Visits.Any(v => v.BookingId == b.Id))
                .OrderBy(b => b.Start)
                .Take(Batch)
                .ToListAsync(ct);
            var lost = 0;
            foreach (var booking in due)
            {
                booking.MarkNoShow(booking.Start + grace, now);

                // One at a time, each against its version: a check-in that came first moved the
                // version, so this save fails and the arrived citizen keeps their place in the queue.
                if (await db.TrySaveChangesAsync(ct))
                {
                    marked++;
                }
                else
                {
                    lost++;
                    db.Entry(booking).State = EntityState.Detached;
                }
            }

            db.ChangeTracker.Clear();
            if (due.Count < Batch)
            {
                // Every booking started by the bound is decided now: marked, or checked in first.
                progress.Reached(startedBy);
                return marked;
            }

            // A whole batch lost to saves that came first: the next round goes on from the same bound.
            if (lost == due.Count)
            {
                return marked;
            }
        }
    }
}

/// <summary>How far the no-show rounds of this process have decided (a singleton; each instance keeps its own).</summary>
public sealed class NoShowProgress
{
    private readonly Lock gate = new();
    private Instant? decidedUpTo;

    public Instant? DecidedUpTo
    {
        get
        {
            lock (gate)
            {
                return decidedUpTo;
            }
        }
    }

    /// <summary>Every booking started by <paramref name="bound"/> is decided; an earlier bound (a clock set back) replaces a later one.</summary>
    public void Reached(Instant bound)
    {
        lock (gate)
        {
            decidedUpTo = bound;
        }
    }
}
