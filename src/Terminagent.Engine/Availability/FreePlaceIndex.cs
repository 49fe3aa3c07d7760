using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Database;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Availability;

public sealed class AvailabilityOptions
{
    public const string Section = "Availability";

    /// <summary>
    /// Wait for the change feed before every read, so a read sees every write committed before it
    /// began, by any instance or any other writer. Off in production, where a read a few
    /// milliseconds stale costs at most a 409 with fresh alternatives; on for tests, which write
    /// to the database directly and read at once.
    /// </summary>
    public bool CatchUpOnRead { get; set; }

    /// <summary>Reads everything again this often, whatever the feed said: a safety net, not the mechanism.</summary>
    public TimeSpan FullReloadEvery { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A slot as the index keeps it: the row, and when each hold in it runs out (a lapsed hold is a free place).</summary>
public sealed record IndexedSlot(Slot Slot, ImmutableArray<Instant> HoldsExpireAt)
{
    public int LapsedHolds(Instant now)
    {
        var lapsed = 0;
        foreach (var expiresAt in HoldsExpireAt)
        {
            if (expiresAt <= now)
            {
                lapsed++;
            }
        }

        return lapsed;
    }
}

/// <summary>
/// Each instance's copy of the places in the slots still to come, by office and day, so the 09:00
/// rush asks the database only to take a place, never to show one. Kept fresh by the database's
/// change feed (<see cref="SlotChangeFeed"/>): every change to a slot row, and every hold that ends,
/// names its slots there, whoever made it (this instance, another one, an administrator's SQL),
/// and the index reads those slots again. It may be a moment behind; the conditional update that
/// takes a place decides, so a stale index costs a 409, never a double booking.
/// </summary>
public sealed class FreePlaceIndex : IAsyncDisposable
{
    /// <summary>More changed slots than this at once (a new schedule): read everything again instead.</summary>
    private const int MostSlotsToRefresh = 2000;

    private static readonly ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>> NoDays =
        ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>.Empty;

    private readonly IServiceScopeFactory scopes;
    private readonly Clock clock;
    private readonly AvailabilityOptions options;
    private readonly ILogger<FreePlaceIndex> logger;
    private readonly SlotChangeFeed feed;
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly Dictionary<long, (string OfficeId, LocalDate Date)> located = [];
    private readonly TimeProvider wallClock = TimeProvider.System;
    private ImmutableDictionary<string, ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>> offices =
        ImmutableDictionary<string, ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>>.Empty;

    private readonly Lock gate = new();
    private Task? ready;
    private long loadedAt;
    private int reloading;

    public FreePlaceIndex(
        IServiceScopeFactory scopes, Clock clock, IOptions<DatabaseOptions> database, IOptions<AvailabilityOptions> options,
        ILoggerFactory loggers)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.options = options.Value;
        logger = loggers.CreateLogger<FreePlaceIndex>();
        feed = SlotChangeFeed.For(database.Value, scopes, this, loggers);
    }

    /// <summary>
    /// Ready to answer: loaded once, and caught up with the feed where the feed is read on demand
    /// (SQLite) or <see cref="AvailabilityOptions.CatchUpOnRead"/> asks for it.
    /// </summary>
    public async Task ReadyAsync(CancellationToken ct)
    {
        Task starting;
        lock (gate)
        {
            // A start that failed (the database was down) is tried again by the next read.
            if (ready is { IsFaulted: true } or { IsCanceled: true })
            {
                ready = null;
            }

            starting = ready ??= StartAsync(CancellationToken.None);
        }

        await starting.WaitAsync(ct);
        // The safety net runs beside the reads, once, and never makes one wait.
        if (wallClock.GetElapsedTime(Volatile.Read(ref loadedAt)) > options.FullReloadEvery && Interlocked.Exchange(ref reloading, 1) == 0)
        {
            _ = Task.Run(ReloadEverythingAsync, CancellationToken.None);
        }

        await feed.CatchUpAsync(options.CatchUpOnRead, ct);
    }

    /// <summary>The days of an office that still have slots in the index, each with its slots ordered by start.</summary>
    public ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>> DaysOf(string officeId) =>
        Volatile.Read(ref offices).GetValueOrDefault(officeId) ?? NoDays;

    /// <summary>
    /// The <paramref name="count"/> back-to-back slots of an office from <paramref name="start"/> on,
    /// as the index knows them; null when it does not know such a run (the database then says why).
    /// </summary>
    public IReadOnlyList<IndexedSlot>? RunAt(string officeId, LocalDate date, Instant start, int count)
    {
        if (!DaysOf(officeId).TryGetValue(date, out var day))
        {
            return null;
        }

        var first = 0;
        while (first < day.Length && day[first].Slot.Start != start)
        {
            first++;
        }

        if (first + count > day.Length)
        {
            return null;
        }

        var run = new IndexedSlot[count];
        for (var i = 0; i < count; i++)
        {
            run[i] = day[first + i];
            if (i > 0 && run[i - 1].Slot.End != run[i].Slot.Start)
            {
                return null;
            }
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await feed.DisposeAsync();
        writer.Dispose();
    }

    /// <summary>
    /// Reads the named slots (or <paramref name="everything"/>) again and puts them in place of
    /// what the index had: the feed calls this with what changed, in the order it changed.
    /// </summary>
    internal async Task ApplyAsync(bool everything, IReadOnlyCollection<long> slotIds, CancellationToken ct)
    {
        everything |= slotIds.Count > MostSlotsToRefresh;
        if (!everything && slotIds.Count == 0)
        {
            return;
        }

        await writer.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
            var since = clock.Now - Duration.FromDays(1);
            var ids = slotIds.ToArray();
            var slots = everything
                ? await db.Slots.AsNoTracking().Where(s => s.Start > since && !s.IsWithdrawn).ToListAsync(ct)
                : await db.Slots.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            var holds = everything
                ? await HoldsAsync(db, null, since, ct)
                : await HoldsAsync(db, ids, since, ct);

            var changed = new Dictionary<long, IndexedSlot?>();
            foreach (var id in everything ? located.Keys.ToArray() : ids)
            {
                changed[id] = null;
            }

            foreach (var slot in slots.Where(s => s.Start > since && !s.IsWithdrawn))
            {
                changed[slot.Id] = new IndexedSlot(slot, holds.TryGetValue(slot.Id, out var expiries) ? [.. expiries] : []);
            }

            Put(changed);
            if (everything)
            {
                Volatile.Write(ref loadedAt, wallClock.GetTimestamp());
            }
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task ReloadEverythingAsync()
    {
        try
        {
            await ApplyAsync(everything: true, [], CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("The free-place index could not read every slot anew ({Error}); it tries again with the next read", ex.Message);
        }
        finally
        {
            Volatile.Write(ref reloading, 0);
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        // Listen first, then read: a change made while reading is in the feed afterwards.
        await feed.StartAsync(ct);
        await ApplyAsync(everything: true, [], ct);
        logger.LogDebug("Free-place index loaded: {Slots} slots", located.Count);
    }

    private static async Task<Dictionary<long, List<Instant>>> HoldsAsync(TerminagentDb db, long[]? slotIds, Instant since, CancellationToken ct)
    {
        List<(long SlotId, Instant? HoldExpiresAt)> rows;
        if (slotIds is null)
        {
            rows = (await (from place in db.Set<BookingSlot>().AsNoTracking()
                           join booking in db.Bookings.AsNoTracking() on place.BookingId equals booking.Id
                           where booking.Status == BookingStatus.Held && booking.Start > since
                           select new { place.SlotId, booking.HoldExpiresAt }).ToListAsync(ct))
                .Select(r => (r.SlotId, r.HoldExpiresAt)).ToList();
        }
        else
        {
            // Two look-ups by key, the status checked here: given a filter on the status, SQLite
            // without statistics walks every held booking (the first morning's tens of thousands)
            // for each changed slot, 30 ms a hold instead of 0.1.
            var places = await db.Set<BookingSlot>().AsNoTracking()
                .Where(p => slotIds.Contains(p.SlotId))
                .Select(p => new { p.SlotId, p.BookingId })
                .ToListAsync(ct);
            var bookingIds = places.Select(p => p.BookingId).Distinct().ToArray();
            var held = (await db.Bookings.AsNoTracking()
                    .Where(b => bookingIds.Contains(b.Id))
                    .Select(b => new { b.Id, b.Status, b.Start, b.HoldExpiresAt })
                    .ToListAsync(ct))
                .Where(b => b.Status == BookingStatus.Held && b.Start > since)
                .ToDictionary(b => b.Id, b => b.HoldExpiresAt);
            rows = places.Where(p => held.ContainsKey(p.BookingId)).Select(p => (p.SlotId, held[p.BookingId])).ToList();
        }

        return rows.Where(r => r.HoldExpiresAt is not null)
            .GroupBy(r => r.SlotId)
            .ToDictionary(g => g.Key, g => g.Select(r => r.HoldExpiresAt!.Value).ToList());
    }

    /// <summary>Replaces slots (null: removes them), rebuilding only the days they are in; readers see each day whole.</summary>
    private void Put(Dictionary<long, IndexedSlot?> changed)
    {
        var days = new Dictionary<(string OfficeId, LocalDate Date), Dictionary<long, IndexedSlot?>>();
        foreach (var (id, entry) in changed)
        {
            if (located.Remove(id, out var was))
            {
                Day(was).TryAdd(id, null);
            }

            if (entry is not null)
            {
                var at = (entry.Slot.OfficeId, entry.Slot.Date);
                located[id] = at;
                Day(at)[id] = entry;
            }
        }

        var next = Volatile.Read(ref offices);
        foreach (var ((officeId, date), edits) in days)
        {
            var officeDays = next.GetValueOrDefault(officeId) ?? NoDays;
            var kept = officeDays.TryGetValue(date, out var day) ? day.Where(s => !edits.ContainsKey(s.Slot.Id)) : [];
            var merged = kept.Concat(edits.Values.OfType<IndexedSlot>()).OrderBy(s => s.Slot.Start).ToImmutableArray();
            officeDays = merged.IsEmpty ? officeDays.Remove(date) : officeDays.SetItem(date, merged);
            next = officeDays.IsEmpty ? next.Remove(officeId) : next.SetItem(officeId, officeDays);
        }

        Volatile.Write(ref offices, next);

        Dictionary<long, IndexedSlot?> Day((string OfficeId, LocalDate Date) at)
        {
            if (!days.TryGetValue(at, out var edits))
            {
                days[at] = edits = [];
            }

            return edits;
        }
    }
}
