using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Agent;

/// <summary>What a wider choice would do to the wait: offices added, all weekdays Monday to Friday, or the whole opening day.</summary>
public enum WiderChoice
{
    MoreOffices,
    AllWeekdays,
    WholeDay,
}

/// <summary>One wider choice and its estimate; <see cref="OfficeIds"/> are the offices it adds, <see cref="Window"/> the whole day it asks for.</summary>
public sealed record WaitAlternative(WiderChoice Choice, IReadOnlyList<string> OfficeIds, WaitEstimate Estimate, TimeWindow? Window = null);

/// <summary>A service's recent offers and the spread of its recent outcomes, read at most once an hour.</summary>
internal sealed record ServiceHistory(Instant ReadAt, IReadOnlyList<OfferShape> Offers, double Days, WaitSpread? Spread);

/// <summary>The services' histories, kept between requests (a singleton), each for an hour of the engine's clock.</summary>
public sealed class WaitHistoryCache
{
    internal static readonly Duration KeptFor = Duration.FromHours(1);

    internal ConcurrentDictionary<string, ServiceHistory> Services { get; } = new();
}

/// <summary>
/// The wait until a wish's first offer, as a range (<see cref="WaitRange"/>): from the offers of the
/// last four weeks that fit the wish and the queue ahead of it, its width from how far earlier
/// estimates of the service were off; without fitting offers a rough guess from the opening hours.
/// </summary>
public sealed class WaitEstimates(TerminagentDb db, City city, Clock clock, WaitHistoryCache cache)
{
    public static readonly Duration Lookback = Duration.FromDays(28);

    /// <summary>How far back the calibration reads wishes registered with an estimate.</summary>
    public static readonly Duration OutcomesLookback = Duration.FromDays(56);

    /// <summary>The estimate for a new wish (all active wishes are ahead of it); null when no place fits it at all.</summary>
    public async Task<WaitEstimate?> EstimateAsync(WishDefinition wish, CancellationToken ct) => (await PlaceAsync(wish, null, ct)).Estimate;

    /// <summary>
    /// Where an active wish stands: the active wishes registered before it that want some of the same
    /// offices, weekdays and times (the count its range rests on), and its wait from now.
    /// </summary>
    public Task<(int Ahead, WaitEstimate? Estimate)> PlaceAsync(Wish wish, CancellationToken ct) => PlaceAsync(wish.Definition, wish.RegisteredAt, ct);

    private async Task<(int Ahead, WaitEstimate? Estimate)> PlaceAsync(WishDefinition wish, Instant? registeredAt, CancellationToken ct)
    {
        var history = await HistoryAsync(wish.ServiceId, ct);
        var ahead = await AheadAsync(wish, registeredAt, ct);
        return (ahead, Estimate(wish, history, ahead));
    }

    private WaitEstimate? Estimate(WishDefinition wish, ServiceHistory history, int ahead)
    {
        var matching = WaitRange.Matching(history.Offers, wish);
        if (matching > 0)
        {
            var point = WaitRange.Point(ahead, matching / history.Days);
            return WaitRange.Around(point, history.Spread ?? WaitRange.DefaultHistory, WaitBasis.History);
        }

        var places = WaitRange.RoughPlacesPerDay(city, wish);
        return places > 0 ? WaitRange.Around(WaitRange.Point(ahead, places), WaitRange.RoughGuess, WaitBasis.RoughGuess) : null;
    }

    /// <summary>
    /// What the wider choices would do, for the page: the two other offices (offering the service)
    /// that shorten the wait most, all weekdays Monday to Friday, the whole opening day. A choice
    /// the wish already has, or one whose range would not read shorter, is left out.
    /// </summary>
    public async Task<IReadOnlyList<WaitAlternative>> AlternativesAsync(WishDefinition wish, WaitEstimate? current, CancellationToken ct)
    {
        if (city.FindService(wish.ServiceId) is not { } service)
        {
            return [];
        }

        var history = await HistoryAsync(wish.ServiceId, ct);
        var alternatives = new List<WaitAlternative>();
        async Task<WaitEstimate?> Of(WishDefinition wider) => Estimate(wider, history, await AheadAsync(wider, null, ct));

        var others = new List<(string Office, double Point)>();
        foreach (var office in city.OfficesOffering(service).Where(o => !wish.OfficeIds.Contains(o.Id)))
        {
            if (await Of(wish with { OfficeIds = [.. wish.OfficeIds, office.Id] }) is { } e)
            {
                others.Add((office.Id, e.PointDays));
            }
        }

        var best = others.OrderBy(o => o.Point).ThenBy(o => o.Office, StringComparer.Ordinal).Take(2).Select(o => o.Office).ToList();
        if (best.Count > 0 && await Of(wish with { OfficeIds = [.. wish.OfficeIds, .. best] }) is { } withOffices)
        {
            alternatives.Add(new WaitAlternative(WiderChoice.MoreOffices, best, withOffices));
        }

        var workdays = WishDefinition.Workdays;
        if (!workdays.All(wish.Weekdays.Contains)
            && await Of(wish with { Weekdays = wish.Weekdays.Union(workdays).Order().ToList() }) is { } allDays)
        {
            alternatives.Add(new WaitAlternative(WiderChoice.AllWeekdays, [], allDays));
        }

        var periods = city.OfficesOffering(service).Where(o => wish.OfficeIds.Contains(o.Id)).SelectMany(o => o.OpeningHours.Values).SelectMany(p => p).ToList();
        if (periods.Count > 0)
        {
            var day = new TimeWindow(periods.Min(p => p.From), periods.Max(p => p.To));
            if (!wish.Windows.Any(w => w.From <= day.From && w.To >= day.To) && await Of(wish with { Windows = [day] }) is { } wholeDay)
            {
                alternatives.Add(new WaitAlternative(WiderChoice.WholeDay, [], wholeDay, day));
            }
        }

        // Only what the citizen would see as shorter: a range that reads the same is no advice.
        return current is null
            ? alternatives
            : alternatives.Where(a => a.Estimate.PointDays < current.PointDays
                && (a.Estimate.HighDays < current.HighDays || (a.Estimate.HighDays == current.HighDays && a.Estimate.LowDays < current.LowDays))).ToList();
    }

    /// <summary>
    /// Active wishes for the service with a target at one of the offices on one of the weekdays in a
    /// window that overlaps one of the wish's, registered before <paramref name="registeredAt"/>
    /// (all of them for a new wish). Waiting ones are counted on the agent's own index.
    /// </summary>
    private async Task<int> AheadAsync(WishDefinition wish, Instant? registeredAt, CancellationToken ct)
    {
        var offices = wish.OfficeIds.ToList();
        var days = wish.Weekdays.Select(d => (int)d).ToList();

        // Up to three windows, each as minutes of the day; missing ones repeat the first.
        var w = Enumerable.Range(0, WishService.MaxWindows).Select(i => wish.Windows[Math.Min(i, wish.Windows.Count - 1)])
            .Select(x => (From: WishTarget.MinuteOf(x.From), To: WishTarget.MinuteOf(x.To))).ToArray();
        var (f0, t0, f1, t1, f2, t2) = (w[0].From, w[0].To, w[1].From, w[1].To, w[2].From, w[2].To);

        var targets = db.WishTargets.AsNoTracking()
            .Where(t => t.ServiceId == wish.ServiceId && offices.Contains(t.OfficeId) && days.Contains(t.Weekday)
                && ((t.FromMinute < t0 && t.ToMinute > f0) || (t.FromMinute < t1 && t.ToMinute > f1) || (t.FromMinute < t2 && t.ToMinute > f2)));
        var offered = db.Wishes.AsNoTracking().Where(x => x.Status == WishStatus.Offered && x.ServiceId == wish.ServiceId);
        if (registeredAt is { } before)
        {
            targets = targets.Where(t => t.RegisteredAt < before);
            offered = offered.Where(x => x.RegisteredAt < before);
        }

        var waiting = await targets.Where(t => t.IsWaiting).Select(t => t.WishId).Distinct().CountAsync(ct);
        return waiting + await offered.Where(x => targets.Any(t => t.WishId == x.Id)).CountAsync(ct);
    }

    private async Task<ServiceHistory> HistoryAsync(string serviceId, CancellationToken ct)
    {
        var now = clock.Now;
        if (cache.Services.TryGetValue(serviceId, out var kept) && now >= kept.ReadAt && now < kept.ReadAt + WaitHistoryCache.KeptFor)
        {
            return kept;
        }

        var since = now - Lookback;
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.OfferedAt >= since && o.ServiceId == serviceId)
            .Select(o => new { o.OfficeId, o.Start, o.End })
            .ToListAsync(ct);
        var shapes = offers.Select(o => city.FindOffice(o.OfficeId) is { } office ? Shape(office, o.Start, o.End) : null).OfType<OfferShape>().ToList();

        // On a young install the supply is counted over the days it has run, not four weeks.
        var first = await db.Offers.AsNoTracking().OrderBy(o => o.OfferedAt).Select(o => (Instant?)o.OfferedAt).FirstOrDefaultAsync(ct);
        var from = first is { } f && f > since ? f : since;
        var days = Math.Max(1, (now - from).TotalDays);

        var registeredSince = now - OutcomesLookback;
        var outcomes = await db.Wishes.AsNoTracking()
            .Where(w => w.ServiceId == serviceId && w.RegisteredAt >= registeredSince && w.WaitBasis == WaitBasis.History
                && w.WaitPointDays != null && w.Status != WishStatus.Unconfirmed)
            .Select(w => new
            {
                w.RegisteredAt,
                w.EndedAt,
                Point = w.WaitPointDays!.Value,
                FirstOffer = db.Offers.Where(o => o.WishId == w.Id).Min(o => (Instant?)o.OfferedAt),
            })
            .ToListAsync(ct);
        var spread = WaitRange.Spread(outcomes.Select(o => new WaitOutcome(
            o.Point,
            ((o.FirstOffer ?? o.EndedAt ?? now) - o.RegisteredAt).TotalDays,
            o.FirstOffer is not null)));

        var history = new ServiceHistory(now, shapes, days, spread);
        cache.Services[serviceId] = history;
        return history;
    }

    private static OfferShape Shape(Office office, Instant start, Instant end)
    {
        var from = start.InZone(office.Zone).LocalDateTime;
        var to = end.InZone(office.Zone).LocalDateTime;
        return new OfferShape(office.Id, from.DayOfWeek, from.TimeOfDay, to.Date == from.Date ? to.TimeOfDay : LocalTime.MaxValue);
    }
}
