using NodaTime;

namespace Terminagent.Engine.Statistics;

/// <summary>
/// The period a statistics page shows: whole local days in the offices' zone, from and to
/// inclusive. Beyond about three months a bar a day is unreadable, so the figures go per week.
/// </summary>
public sealed record StatisticsPeriod(LocalDate From, LocalDate To, DateTimeZone Zone)
{
    public const int MaxDays = 1100;
    public const int DailyUpTo = 92;

    public Instant Start => From.AtStartOfDayInZone(Zone).ToInstant();

    public Instant End => To.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();

    public int Days => Period.DaysBetween(From, To) + 1;

    public bool Weekly => Days > DailyUpTo;

    /// <summary>The first day of the bar a day belongs to: itself, or the Monday of its week.</summary>
    public LocalDate BucketOf(LocalDate day) => Weekly ? day.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)) : day;

    public IEnumerable<LocalDate> Buckets()
    {
        for (var day = BucketOf(From); day <= To; day = Weekly ? day.PlusWeeks(1) : day.PlusDays(1))
        {
            yield return day;
        }
    }
}

/// <summary>The figures of one day (or week, see <see cref="StatisticsPeriod.Weekly"/>).</summary>
public sealed class BucketFigures
{
    public required LocalDate Start { get; init; }

    /// <summary>Appointments due on the day that were kept or missed, by the channel they were booked through.</summary>
    public int BookedOnline { get; set; }

    public int BookedByInfoline { get; set; }

    public int Booked => BookedOnline + BookedByInfoline;

    public int Cancelled { get; set; }

    public int NoShows { get; set; }

    public int Capacity { get; set; }

    public int Taken { get; set; }

    public double? Utilisation => Capacity == 0 ? null : (double)Taken / Capacity;

    public int WishesRegistered { get; set; }

    public int OffersMade => OffersAccepted + OffersDeclined + OffersLapsed + OffersOpen;

    public int OffersAccepted { get; set; }

    public int OffersDeclined { get; set; }

    public int OffersLapsed { get; set; }

    public int OffersOpen { get; set; }

    public int TicketsDrawn { get; set; }
}

/// <summary>The totals of one office over the period.</summary>
public sealed class OfficeFigures
{
    public required string OfficeId { get; init; }

    public required string Name { get; init; }

    public int Booked { get; set; }

    public int Cancelled { get; set; }

    public int NoShows { get; set; }

    public int Capacity { get; set; }

    public int Taken { get; set; }

    public double? Utilisation => Capacity == 0 ? null : (double)Taken / Capacity;

    public int OffersAccepted { get; set; }

    public int OffersDeclined { get; set; }

    public int OffersLapsed { get; set; }

    public int OffersOpen { get; set; }

    public int OffersMade => OffersAccepted + OffersDeclined + OffersLapsed + OffersOpen;

    public double? DeclinedOrLapsedShare => Rates.DeclinedOrLapsed(OffersAccepted, OffersDeclined, OffersLapsed);
}

public static class Rates
{
    /// <summary>The city's figure: of the offers answered or run out, the share not taken.</summary>
    public static double? DeclinedOrLapsed(int accepted, int declined, int lapsed) =>
        accepted + declined + lapsed == 0 ? null : (double)(declined + lapsed) / (accepted + declined + lapsed);
}

/// <summary>
/// How long something took, as counts per whole minute from the database: enough for exact
/// quantiles at minute resolution and for any histogram, without the rows themselves.
/// </summary>
public sealed class Distribution(IReadOnlyDictionary<long, int> countsByMinute)
{
    private readonly List<KeyValuePair<long, int>> sorted = countsByMinute.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();

    public int Count { get; } = countsByMinute.Values.Sum();

    /// <summary>The smallest minute at or below which at least <paramref name="q"/> of the values lie (nearest rank).</summary>
    public long? Quantile(double q)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        foreach (var (minute, count) in sorted)
        {
            seen += count;
            if (seen >= rank)
            {
                return minute;
            }
        }

        return sorted[^1].Key;
    }

    public long? Median => Quantile(0.5);

    public long? P90 => Quantile(0.9);

    /// <summary>Counts in the ranges [edge i, edge i+1) minutes; the last range is open-ended.</summary>
    public IReadOnlyList<int> Histogram(IReadOnlyList<long> edges)
    {
        var counts = new int[edges.Count];
        foreach (var (minute, count) in sorted)
        {
            var i = edges.Count - 1;
            while (i > 0 && minute < edges[i])
            {
                i--;
            }

            counts[i] += count;
        }

        return counts;
    }
}

/// <summary>Everything the statistics page shows for one period and choice of offices.</summary>
public sealed record StatisticsReport(
    StatisticsPeriod Period,
    IReadOnlyList<BucketFigures> Buckets,
    IReadOnlyList<OfficeFigures> Offices,
    int WishesActive,
    Distribution WishToOffer,
    Distribution OfferToAnswer,
    Distribution WalkInWait)
{
    public int Booked => Buckets.Sum(b => b.Booked);

    public int Cancelled => Buckets.Sum(b => b.Cancelled);

    public int NoShows => Buckets.Sum(b => b.NoShows);

    public int Capacity => Buckets.Sum(b => b.Capacity);

    public int Taken => Buckets.Sum(b => b.Taken);

    public double? Utilisation => Capacity == 0 ? null : (double)Taken / Capacity;

    public int WishesRegistered => Buckets.Sum(b => b.WishesRegistered);

    public int OffersMade => Buckets.Sum(b => b.OffersMade);

    public int OffersAccepted => Buckets.Sum(b => b.OffersAccepted);

    public int OffersDeclined => Buckets.Sum(b => b.OffersDeclined);

    public int OffersLapsed => Buckets.Sum(b => b.OffersLapsed);

    public int OffersOpen => Buckets.Sum(b => b.OffersOpen);

    public int TicketsDrawn => Buckets.Sum(b => b.TicketsDrawn);

    public double? DeclinedOrLapsedShare => Rates.DeclinedOrLapsed(OffersAccepted, OffersDeclined, OffersLapsed);
}
