using Microsoft.EntityFrameworkCore;
using NodaTime;
using Prometheus;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Statistics;

/// <summary>
/// The statistics as Prometheus gauges, read from the database when scraped, so every instance
/// behind a load balancer reports the same figures. A few GROUP BY queries, at most every
/// <see cref="CacheFor"/>; the gauges live in this app's own registry (not prometheus-net's
/// static one), so two apps in one process never mix their figures.
/// </summary>
public sealed class StatisticsMetrics : IDisposable
{
    public static readonly Duration CacheFor = Duration.FromSeconds(15);

    private readonly IServiceScopeFactory scopes;
    private readonly Clock clock;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Gauge bookings;
    private readonly Gauge wishes;
    private readonly Gauge offers;
    private readonly Gauge slotPlaces;
    private readonly Gauge visits;
    private readonly Gauge outbox;
    private readonly Gauge outboxOldest;
    private Instant? refreshedAt;

    public StatisticsMetrics(IServiceScopeFactory scopes, Clock clock)
    {
        this.scopes = scopes;
        this.clock = clock;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        bookings = factory.CreateGauge("terminagent_bookings", "Bookings with appointments today (window=today) or on a later day (window=ahead), by office, status and channel.", "office", "status", "channel", "window");
        wishes = factory.CreateGauge("terminagent_wishes", "Wishes by status, all time.", "status");
        offers = factory.CreateGauge("terminagent_offers", "Offers by office and outcome, all time.", "office", "outcome");
        slotPlaces = factory.CreateGauge("terminagent_slot_places", "Places in slots today (window=today) and in the released days ahead (window=released), by kind: capacity, taken, held_back.", "office", "kind", "window");
        visits = factory.CreateGauge("terminagent_visits_today", "Today's visits (appointments checked in, tickets drawn) by office, kind and status.", "office", "kind", "status");
        outbox = factory.CreateGauge("terminagent_outbox_messages", "Emails not sent yet: state=pending (all unsent), state=failing (unsent with a failed attempt).", "state");
        outboxOldest = factory.CreateGauge("terminagent_outbox_oldest_unsent_age_seconds", "Age of the oldest unsent email, 0 when none waits.");
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => refreshing.Dispose();

    /// <summary>Reads the figures again when the last reading is older than <see cref="CacheFor"/>.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            var now = clock.Now;
            if (refreshedAt is { } at && now - at < CacheFor && now >= at)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            await ReadAsync(scope.ServiceProvider.GetRequiredService<TerminagentDb>(), scope.ServiceProvider.GetRequiredService<City>(), now, ct);
            refreshedAt = now;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task ReadAsync(TerminagentDb db, City city, Instant now, CancellationToken ct)
    {
        var zone = city.Offices[0].Zone;
        var today = now.InZone(zone).Date;
        var todayStart = today.AtStartOfDayInZone(zone).ToInstant();
        var tomorrowStart = today.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

        var bookingRows = await db.Bookings.AsNoTracking()
            .Where(b => b.Start >= todayStart)
            .GroupBy(b => new { b.OfficeId, b.Status, b.Channel, Today = b.Start < tomorrowStart })
            .Select(g => new { g.Key.OfficeId, g.Key.Status, g.Key.Channel, g.Key.Today, Count = g.Count() })
            .ToListAsync(ct);
        Set(bookings, bookingRows.Select(r => (new[] { r.OfficeId, StatusLabel(r.Status), r.Channel == BookingChannel.Infoline ? "infoline" : "online", r.Today ? "today" : "ahead" }, (double)r.Count)));

        var wishRows = await db.Wishes.AsNoTracking().GroupBy(w => w.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        Set(wishes, wishRows.Select(r => (new[] { Snake(r.Status.ToString()) }, (double)r.Count)));

        var offerRows = await db.Offers.AsNoTracking().GroupBy(o => new { o.OfficeId, o.Status })
            .Select(g => new { g.Key.OfficeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Set(offers, offerRows.Select(r => (new[] { r.OfficeId, Snake(r.Status.ToString()) }, (double)r.Count)));

        var slotRows = await db.Slots.AsNoTracking()
            .Where(s => s.Date >= today && (s.Date == today || s.ReleasedAt <= now))
            .GroupBy(s => new { s.OfficeId, Today = s.Date == today })
            .Select(g => new
            {
                g.Key.OfficeId,
                g.Key.Today,
                Capacity = g.Sum(s => s.IsWithdrawn ? 0 : s.Capacity),
                Taken = g.Sum(s => s.Taken),
                HeldBack = g.Sum(s => s.IsWithdrawn ? 0 : s.HeldBack),
            })
            .ToListAsync(ct);
        Set(slotPlaces, slotRows.SelectMany(r => new[]
        {
            (new[] { r.OfficeId, "capacity", r.Today ? "today" : "released" }, (double)r.Capacity),
            (new[] { r.OfficeId, "taken", r.Today ? "today" : "released" }, (double)r.Taken),
            (new[] { r.OfficeId, "held_back", r.Today ? "today" : "released" }, (double)r.HeldBack),
        }));

        var visitRows = await db.Visits.AsNoTracking().Where(v => v.Day == today)
            .GroupBy(v => new { v.OfficeId, v.Kind, v.Status })
            .Select(g => new { g.Key.OfficeId, g.Key.Kind, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Set(visits, visitRows.Select(r => (new[] { r.OfficeId, Snake(r.Kind.ToString()), Snake(r.Status.ToString()) }, (double)r.Count)));

        var unsent = db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null);
        var pending = await unsent.CountAsync(ct);
        var failing = await unsent.CountAsync(m => m.Attempts > 0, ct);
        var oldest = pending == 0 ? (Instant?)null : await unsent.MinAsync(m => m.CreatedAt, ct);
        outbox.WithLabels("pending").Set(pending);
        outbox.WithLabels("failing").Set(failing);
        outboxOldest.Set(oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0);
    }

    /// <summary>Sets the gauge to exactly these label sets: a set no longer in the database disappears.</summary>
    private static void Set(Gauge gauge, IEnumerable<(string[] Labels, double Value)> rows)
    {
        var values = new Dictionary<string, (string[] Labels, double Value)>(StringComparer.Ordinal);
        foreach (var (labels, value) in rows)
        {
            var key = string.Join('\u001f', labels);
            values[key] = (labels, (values.TryGetValue(key, out var seen) ? seen.Value : 0) + value);
        }

        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!values.ContainsKey(string.Join('\u001f', labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }

        foreach (var (labels, value) in values.Values)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }

    private static string StatusLabel(BookingStatus status) => Snake(status.ToString());

    /// <summary>NoShow → no_show: Prometheus label values in the usual style.</summary>
    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
