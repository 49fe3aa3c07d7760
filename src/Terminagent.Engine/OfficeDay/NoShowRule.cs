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
public sealed class NoShowRule(TerminagentDb db, IOptions<OfficeDayOptions> options)
{
    private const int Batch = 200;

    /// <summary>
    /// How far back a round looks. The worker runs every minute, so anything older was decided
    /// long ago; without the bound each round would scan every confirmed booking ever checked in,
    /// a table that grows with every day the city runs. A worker stopped for longer than this
    /// leaves the older appointments confirmed (they still count as not checked in).
    /// </summary>
    public static readonly Duration LookBack = Duration.FromDays(7);

    /// <summary>Marks every due no-show; returns how many it marked.</summary>
    public async Task<int> MarkDueAsync(Instant now, CancellationToken ct)
    {
        var grace = options.Value.NoShowGrace;
        var startedBy = now - grace;
        var startedAfter = now - LookBack;
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
            if (due.Count < Batch || lost == due.Count)
            {
                return marked;
            }
        }
    }
}
