using NodaTime;
using Terminagent.Domain.Cities;

namespace Terminagent.Domain.Agent;

/// <summary>What a wait estimate rests on: offers of recent weeks, or only the city's capacity and the queue.</summary>
public enum WaitBasis
{
    History = 0,

    /// <summary>No recent offer fits the wish: a guess from opening hours and the queue, to be said as such.</summary>
    RoughGuess = 1,
}

/// <summary>
/// "Usually <see cref="LowDays"/>–<see cref="HighDays"/> days until the first offer": meant to hold
/// for about four wishes in five. <see cref="PointDays"/> is the single figure the range was drawn around.
/// </summary>
public sealed record WaitEstimate(int LowDays, int HighDays, WaitBasis Basis, double PointDays);

/// <summary>How far actual waits strayed from the point estimate: the ratios actual / point at the range's ends.</summary>
public sealed record WaitSpread(double Low, double High, int Outcomes);

/// <summary>One wish registered with a point estimate, and how long it waited: until its first offer, or (censored) until it ended or until now.</summary>
public sealed record WaitOutcome(double PointDays, double WaitedDays, bool Offered);

/// <summary>An offer as the estimate sees it: where, on which weekday, and from when to when in the office's local time.</summary>
public sealed record OfferShape(string OfficeId, IsoDayOfWeek Weekday, LocalTime Start, LocalTime End);

/// <summary>
/// The maths of the wait estimate, without a database. A point estimate is the queue ahead plus
/// one, divided by the places a day that fit the wish. The range from history is the point's
/// scale (its square root) times the 5th and 90th percentiles of actual / scale among the
/// service's recent wishes (split-conformal), so that about 85% of wishes get their first offer
/// inside it. The square root, because actual waits grow far slower than the point: the wishes
/// counted ahead overlap the wish only in part, and places come in bursts (in the simulation
/// the log–log slope of actual on point was 0.2–0.5, and a linear scale gave ranges like 6–147 days).
/// A rough guess has no outcomes to learn from: its range is the point times a fixed wide spread.
/// </summary>
public static class WaitRange
{
    /// <summary>Wishes with a first offer needed before their ratios are trusted over the default spread.</summary>
    public const int MinimumOutcomes = 30;

    public const double LowQuantile = 0.05;
    public const double HighQuantile = 0.9;

    /// <summary>The spread of a history-based estimate (times <see cref="Scale"/>) while too few outcomes are known: the simulation's first days.</summary>
    public static readonly WaitSpread DefaultHistory = new(0.2, 4.0, 0);

    /// <summary>The spread of a rough guess from capacity: wide, as it knows nothing of demand.</summary>
    public static readonly WaitSpread RoughGuess = new(0.1, 5.0, 0);

    /// <summary>Share of an office's places that reach the agent beside its release share: cancellations.</summary>
    public const double CancelledShare = 0.10;

    /// <summary>What a history-based spread multiplies: the square root of the point estimate in days.</summary>
    public static double Scale(double pointDays) => Math.Sqrt(Math.Max(0, pointDays));

    public static WaitEstimate Around(double pointDays, WaitSpread spread, WaitBasis basis)
    {
        var scale = basis == WaitBasis.History ? Scale(pointDays) : pointDays;
        var low = (int)Math.Floor(scale * spread.Low);
        var high = (int)Math.Ceiling(scale * spread.High);
        return new WaitEstimate(Math.Max(0, low), Math.Max(high, low + 1), basis, pointDays);
    }

    /// <summary>Days until the first offer for a wish with <paramref name="ahead"/> wishes before it, at <paramref name="placesPerDay"/>.</summary>
    public static double Point(int ahead, double placesPerDay) => (ahead + 1) / placesPerDay;

    /// <summary>How many of the offers fit the wish: its offices, weekdays and windows (dates aside: the offers are past).</summary>
    public static int Matching(IEnumerable<OfferShape> offers, WishDefinition wish) =>
        offers.Count(o => wish.OfficeIds.Contains(o.OfficeId)
            && wish.Weekdays.Contains(o.Weekday)
            && wish.Windows.Any(w => w.Contains(o.Start, o.End)));

    /// <summary>
    /// The ratios actual / <see cref="Scale"/>(point) at <see cref="LowQuantile"/> and <see cref="HighQuantile"/>, by the
    /// Kaplan–Meier estimate: a wish still waiting, or ended without an offer, says only that its wait
    /// was longer than it waited. Null when fewer than <see cref="MinimumOutcomes"/> wishes were offered a place.
    /// </summary>
    public static WaitSpread? Spread(IEnumerable<WaitOutcome> outcomes)
    {
        var ratios = outcomes.Where(o => o.PointDays > 0)
            .Select(o => (Ratio: Math.Max(0, o.WaitedDays) / Scale(o.PointDays), o.Offered))
            .OrderBy(o => o.Ratio)
            .ThenBy(o => o.Offered ? 0 : 1)
            .ToList();
        var events = ratios.Count(r => r.Offered);
        if (events < MinimumOutcomes)
        {
            return null;
        }

        double? low = null, high = null;
        var survival = 1.0;
        var atRisk = ratios.Count;
        foreach (var (ratio, offered) in ratios)
        {
            if (offered)
            {
                survival *= 1 - (1.0 / atRisk);
                // The product drifts in the last digits: 95/100 may come out a hair above 0.95.
                if (low is null && 1 - survival >= LowQuantile - 1e-9)
                {
                    low = ratio;
                }

                if (1 - survival >= HighQuantile - 1e-9)
                {
                    high = ratio;
                    break;
                }
            }

            atRisk--;
        }

        // Too many still waiting to see the 90th percentile: the longest wait seen is the least it is.
        var longest = ratios[^1].Ratio;
        return new WaitSpread(low ?? 0, Math.Max(high ?? longest, low ?? 0), events);
    }

    /// <summary>
    /// Places a day, averaged over the week, that fit the wish and reach the agent: the appointments
    /// the opening hours give in its windows at its offices on its weekdays, divided among the
    /// services the office offers, times the share that reaches the agent: the cancelled places and
    /// the agent's share of the same-day release. (The agent's share of the advance release goes
    /// mostly to wishes for the day three weeks ahead, not to the next wish in line; the simulation's
    /// first days showed the waits about four times longer when it was counted.)
    /// </summary>
    public static double RoughPlacesPerDay(City city, WishDefinition wish)
    {
        if (city.FindService(wish.ServiceId) is not { } service)
        {
            return 0;
        }

        var length = city.SlotLength * city.SlotsNeeded(service);
        var perWeek = 0.0;
        foreach (var office in city.OfficesOffering(service).Where(o => wish.OfficeIds.Contains(o.Id)))
        {
            var services = Math.Max(1, city.Services.Count(s => s.OfficeIds.Contains(office.Id)));
            var share = Math.Min(1, CancelledShare + (office.Agent.ReleaseSharePercent / 100.0 * office.Release.SameDaySharePercent / 100.0));
            foreach (var day in wish.Weekdays)
            {
                if (!office.OpeningHours.TryGetValue(day, out var periods))
                {
                    continue;
                }

                foreach (var period in periods)
                {
                    var minutes = Merged(wish.Windows)
                        .Select(w => Minutes(Max(w.From, period.From), Min(w.To, period.To)))
                        .Sum(m => Math.Floor(m / length.TotalMinutes));
                    perWeek += minutes * period.Counters * share / services;
                }
            }
        }

        return perWeek / 7;
    }

    private static IEnumerable<TimeWindow> Merged(IReadOnlyList<TimeWindow> windows)
    {
        TimeWindow? current = null;
        foreach (var w in windows.OrderBy(w => w.From))
        {
            if (current is null)
            {
                current = w;
            }
            else if (w.From <= current.To)
            {
                current = current with { To = Max(current.To, w.To) };
            }
            else
            {
                yield return current;
                current = w;
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private static double Minutes(LocalTime from, LocalTime to) => to > from ? Period.Between(from, to, PeriodUnits.Minutes).Minutes : 0;

    private static LocalTime Max(LocalTime a, LocalTime b) => a > b ? a : b;

    private static LocalTime Min(LocalTime a, LocalTime b) => a < b ? a : b;
}
