using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;

namespace Terminagent.Engine.Statistics;

/// <summary>
/// Computes the statistics page's figures in the database: every query groups (per hour, day,
/// office, status or minute) so a year of a large city's rows never leaves the database as rows.
/// Moments are grouped per UTC hour and put on local days here, which is exact for every zone
/// whose offset is whole hours, Germany's among them.
/// </summary>
public sealed class StatisticsQuery(TerminagentDb db, City city)
{
    private const long SecondsPerHour = 3600;

    /// <summary>The figures of <paramref name="officeIds"/> (null: the whole city) in the period.</summary>
    public async Task<StatisticsReport> ReportAsync(StatisticsPeriod period, IReadOnlyList<string>? officeIds, CancellationToken ct)
    {
        var buckets = period.Buckets().ToDictionary(d => d, d => new BucketFigures { Start = d });
        var offices = city.Offices.Where(o => officeIds is null || officeIds.Contains(o.Id))
            .ToDictionary(o => o.Id, o => new OfficeFigures { OfficeId = o.Id, Name = o.Name });
        BucketFigures BucketAt(long hour) => buckets[period.BucketOf(Instant.FromUnixTimeSeconds(hour * SecondsPerHour).InZone(period.Zone).Date)];

        await CountAppointmentsAsync(period, officeIds, BucketAt, offices, ct);
        await CountCapacityAsync(period, officeIds, buckets, offices, ct);
        await CountWishesAsync(period, officeIds, BucketAt, ct);
        await CountOffersAsync(period, officeIds, BucketAt, offices, ct);
        var tickets = await Scoped(db.Visits.AsNoTracking(), officeIds)
            .Where(v => v.Kind == VisitKind.Ticket && v.Day >= period.From && v.Day <= period.To)
            .GroupBy(v => v.Day)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var t in tickets)
        {
            buckets[period.BucketOf(t.Day)].TicketsDrawn += t.Count;
        }

        var activeWishes = await ScopedWishes(officeIds).CountAsync(w => w.Status == WishStatus.Waiting || w.Status == WishStatus.Offered, ct);

        return new StatisticsReport(
            period,
            buckets.Values.OrderBy(b => b.Start).ToList(),
            offices.Values.ToList(),
            activeWishes,
            await WishToFirstOfferAsync(period, officeIds, ct),
            await OfferToAnswerAsync(period, officeIds, ct),
            await WalkInWaitAsync(period, officeIds, ct));
    }

    private async Task CountAppointmentsAsync(
        StatisticsPeriod period, IReadOnlyList<string>? officeIds, Func<long, BucketFigures> bucketAt, Dictionary<string, OfficeFigures> offices, CancellationToken ct)
    {
        // Appointments count on the day they were due, whatever became of them since.
        var (start, end) = (period.Start, period.End);
        var due = Scoped(db.Bookings.AsNoTracking(), officeIds)
            .Where(b => b.Start >= start && b.Start < end)
            .Where(b => b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow || b.Status == BookingStatus.Cancelled);
        var byHour = await due
            .GroupBy(b => new { Hour = SqlInstant.EpochSeconds(b.Start) / SecondsPerHour, b.Status, b.Channel })
            .Select(g => new { g.Key.Hour, g.Key.Status, g.Key.Channel, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in byHour)
        {
            var bucket = bucketAt(row.Hour);
            switch (row.Status)
            {
                case BookingStatus.Cancelled:
                    bucket.Cancelled += row.Count;
                    continue;
                case BookingStatus.NoShow:
                    bucket.NoShows += row.Count;
                    break;
            }

            if (row.Channel == BookingChannel.Infoline)
            {
                bucket.BookedByInfoline += row.Count;
            }
            else
            {
                bucket.BookedOnline += row.Count;
            }
        }

        var byOffice = await due.GroupBy(b => new { b.OfficeId, b.Status })
            .Select(g => new { g.Key.OfficeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in byOffice.Where(r => offices.ContainsKey(r.OfficeId)))
        {
            var office = offices[row.OfficeId];
            if (row.Status == BookingStatus.Cancelled)
            {
                office.Cancelled += row.Count;
                continue;
            }

            office.Booked += row.Count;
            if (row.Status == BookingStatus.NoShow)
            {
                office.NoShows += row.Count;
            }
        }
    }

    private async Task CountCapacityAsync(
        StatisticsPeriod period, IReadOnlyList<string>? officeIds, Dictionary<LocalDate, BucketFigures> buckets, Dictionary<string, OfficeFigures> offices, CancellationToken ct)
    {
        // A withdrawn slot offers nothing any more; the bookings it still carries count as taken.
        var rows = await Scoped(db.Slots.AsNoTracking(), officeIds)
            .Where(s => s.Date >= period.From && s.Date <= period.To)
            .GroupBy(s => new { s.Date, s.OfficeId })
            .Select(g => new { g.Key.Date, g.Key.OfficeId, Capacity = g.Sum(s => s.IsWithdrawn ? 0 : s.Capacity), Taken = g.Sum(s => s.Taken) })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var bucket = buckets[period.BucketOf(row.Date)];
            bucket.Capacity += row.Capacity;
            bucket.Taken += row.Taken;
            if (offices.TryGetValue(row.OfficeId, out var office))
            {
                office.Capacity += row.Capacity;
                office.Taken += row.Taken;
            }
        }
    }

    private async Task CountWishesAsync(StatisticsPeriod period, IReadOnlyList<string>? officeIds, Func<long, BucketFigures> bucketAt, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var rows = await ScopedWishes(officeIds)
            .Where(w => w.ConfirmedAt >= start && w.ConfirmedAt < end)
            .GroupBy(w => SqlInstant.EpochSeconds(w.ConfirmedAt)!.Value / SecondsPerHour)
            .Select(g => new { Hour = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            bucketAt(row.Hour).WishesRegistered += row.Count;
        }
    }

    private async Task CountOffersAsync(
        StatisticsPeriod period, IReadOnlyList<string>? officeIds, Func<long, BucketFigures> bucketAt, Dictionary<string, OfficeFigures> offices, CancellationToken ct)
    {
        var made = OffersMade(period, officeIds);
        var byHour = await made
            .GroupBy(o => new { Hour = SqlInstant.EpochSeconds(o.OfferedAt) / SecondsPerHour, o.Status })
            .Select(g => new { g.Key.Hour, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in byHour)
        {
            Add(bucketAt(row.Hour), row.Status, row.Count);
        }

        var byOffice = await made.GroupBy(o => new { o.OfficeId, o.Status })
            .Select(g => new { g.Key.OfficeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in byOffice.Where(r => offices.ContainsKey(r.OfficeId)))
        {
            var office = offices[row.OfficeId];
            switch (row.Status)
            {
                case OfferStatus.Accepted: office.OffersAccepted += row.Count; break;
                case OfferStatus.Declined: office.OffersDeclined += row.Count; break;
                case OfferStatus.Lapsed: office.OffersLapsed += row.Count; break;
                default: office.OffersOpen += row.Count; break;
            }
        }

        static void Add(BucketFigures bucket, OfferStatus status, int count)
        {
            switch (status)
            {
                case OfferStatus.Accepted: bucket.OffersAccepted += count; break;
                case OfferStatus.Declined: bucket.OffersDeclined += count; break;
                case OfferStatus.Lapsed: bucket.OffersLapsed += count; break;
                default: bucket.OffersOpen += count; break;
            }
        }
    }

    /// <summary>From a wish's confirmation to its first offer, for wishes first offered in the period.</summary>
    private async Task<Distribution> WishToFirstOfferAsync(StatisticsPeriod period, IReadOnlyList<string>? officeIds, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var firstOffers = Scoped(db.Offers.AsNoTracking(), officeIds)
            .GroupBy(o => o.WishId)
            .Select(g => new { WishId = g.Key, First = g.Min(o => o.OfferedAt) })
            .Where(f => f.First >= start && f.First < end);
        var minutes = from f in firstOffers
                      join w in db.Wishes.AsNoTracking() on f.WishId equals w.Id
                      where w.ConfirmedAt != null
                      select (SqlInstant.EpochSeconds(f.First) - SqlInstant.EpochSeconds(w.ConfirmedAt)!.Value) / 60;
        return await DistributionAsync(minutes, ct);
    }

    /// <summary>From an offer to the citizen's answer (accepted or declined) for offers made in the period; a lapse is no answer.</summary>
    private Task<Distribution> OfferToAnswerAsync(StatisticsPeriod period, IReadOnlyList<string>? officeIds, CancellationToken ct) =>
        DistributionAsync(
            OffersMade(period, officeIds)
                .Where(o => (o.Status == OfferStatus.Accepted || o.Status == OfferStatus.Declined) && o.AnsweredAt != null)
                .Select(o => (SqlInstant.EpochSeconds(o.AnsweredAt)!.Value - SqlInstant.EpochSeconds(o.OfferedAt)) / 60),
            ct);

    /// <summary>From drawing a ticket (arriving) to the first call, for walk-ins of the period who were called.</summary>
    private Task<Distribution> WalkInWaitAsync(StatisticsPeriod period, IReadOnlyList<string>? officeIds, CancellationToken ct) =>
        DistributionAsync(
            Scoped(db.Visits.AsNoTracking(), officeIds)
                .Where(v => v.Kind == VisitKind.Ticket && v.Day >= period.From && v.Day <= period.To && v.FirstCalledAt != null)
                .Select(v => (SqlInstant.EpochSeconds(v.FirstCalledAt)!.Value - SqlInstant.EpochSeconds(v.ArrivedAt)) / 60),
            ct);

    private static async Task<Distribution> DistributionAsync(IQueryable<long> minutes, CancellationToken ct)
    {
        var counts = await minutes.GroupBy(m => m).Select(g => new { Minute = g.Key, Count = g.Count() }).ToListAsync(ct);

        // A clock set back (a demo start, a corrected server time) leaves answers before their
        // offers and calls before arrivals: they count as no wait, all in minute 0 together.
        return new Distribution(counts.GroupBy(c => Math.Max(0, c.Minute)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
    }

    private IQueryable<Offer> OffersMade(StatisticsPeriod period, IReadOnlyList<string>? officeIds)
    {
        var (start, end) = (period.Start, period.End);
        return Scoped(db.Offers.AsNoTracking(), officeIds).Where(o => o.OfferedAt >= start && o.OfferedAt < end);
    }

    /// <summary>Wishes for at least one of the offices (a wish may name several).</summary>
    private IQueryable<Wish> ScopedWishes(IReadOnlyList<string>? officeIds)
    {
        var wishes = db.Wishes.AsNoTracking();
        if (officeIds is null)
        {
            return wishes;
        }

        var ids = officeIds.ToList();
        return wishes.Where(w => db.WishTargets.Any(t => t.WishId == w.Id && ids.Contains(t.OfficeId)));
    }

    /// <summary>The rows of the offices (every counted entity keeps its office in "OfficeId").</summary>
    private static IQueryable<T> Scoped<T>(IQueryable<T> rows, IReadOnlyList<string>? officeIds)
        where T : class
    {
        if (officeIds is null)
        {
            return rows;
        }

        var ids = officeIds.ToList();
        return rows.Where(r => ids.Contains(EF.Property<string>(r, "OfficeId")));
    }
}
