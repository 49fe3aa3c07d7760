using NodaTime;
using Terminagent.Domain.Cities;

namespace Terminagent.Domain.Slots;

public sealed record PlannedSlot(
    string OfficeId,
    LocalDate Date,
    Instant Start,
    Instant End,
    int Capacity,
    int HeldBack,
    Instant ReleasedAt,
    Instant SameDayReleaseAt);

/// <summary>Turns an office's opening hours, counters and release policy into slots.</summary>
public static class SlotPlanner
{
    public static IReadOnlyList<PlannedSlot> PlanDay(Office office, LocalDate date, Duration slotLength)
    {
        var zone = office.Zone;
        var policy = office.Release;
        var releasedAt = zone.StartAt(date.PlusDays(-policy.AdvanceLeadDays).At(policy.AdvanceReleaseTime));
        var sameDayReleaseAt = zone.StartAt(date.At(policy.SameDayReleaseTime));

        var units = new List<(Instant Start, int Capacity)>();
        foreach (var period in office.PeriodsOn(date).OrderBy(p => p.From))
        {
            var end = zone.EndAt(date.At(period.To));
            for (var start = zone.StartAt(date.At(period.From)); start + slotLength <= end; start += slotLength)
            {
                units.Add((start, period.Counters));
            }
        }

        var heldBack = SpreadHeldBack(units.Select(u => u.Capacity).ToList(), policy.SameDaySharePercent);
        return units
            .Select((u, i) => new PlannedSlot(
                office.Id, date, u.Start, u.Start + slotLength, u.Capacity, heldBack[i], releasedAt, sameDayReleaseAt))
            .ToList();
    }

    public static IEnumerable<PlannedSlot> PlanDays(Office office, LocalDate first, LocalDate last, Duration slotLength)
    {
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            foreach (var slot in PlanDay(office, date, slotLength))
            {
                yield return slot;
            }
        }
    }

    /// <summary>
    /// Holds back the day's share of places, spread evenly over the day rather than piled at its
    /// start, so walk-ins find places in the afternoon too.
    /// </summary>
    private static int[] SpreadHeldBack(IReadOnlyList<int> capacities, int percent)
    {
        var total = capacities.Sum();
        var share = (int)Math.Round(total * percent / 100m, MidpointRounding.AwayFromZero);
        var result = new int[capacities.Count];
        if (total == 0)
        {
            return result;
        }

        long cumulative = 0;
        var given = 0;
        for (var i = 0; i < capacities.Count; i++)
        {
            cumulative += capacities[i];
            var due = (int)(cumulative * share / total);
            result[i] = due - given;
            given = due;
        }

        return result;
    }
}
