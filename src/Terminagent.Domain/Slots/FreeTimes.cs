using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>A time at which an appointment of some length can start: the run of slots it needs.</summary>
public sealed record FreeTime(string OfficeId, LocalDate Date, Instant Start, Instant End, IReadOnlyList<long> SlotIds);

public static class FreeTimes
{
    /// <summary>
    /// Every start at which <paramref name="slotsNeeded"/> back-to-back slots of one office and one
    /// day all have a place <paramref name="taker"/> may take, counting the holds in
    /// <paramref name="lapsedHolds"/> (by slot id) as free.
    /// </summary>
    public static IEnumerable<FreeTime> Find(
        IEnumerable<Slot> slots, int slotsNeeded, Taker taker, Instant now, IReadOnlyDictionary<long, int>? lapsedHolds = null)
    {
        Func<int, int>? lapsed = null;
        foreach (var office in slots.GroupBy(s => (s.OfficeId, s.Date)))
        {
            var ordered = office.OrderBy(s => s.Start).ToList();
            if (lapsedHolds is not null)
            {
                lapsed = i => lapsedHolds.GetValueOrDefault(ordered[i].Id);
            }

            foreach (var time in InDay(ordered, slotsNeeded, taker, now, lapsed))
            {
                yield return time;
            }
        }
    }

    /// <summary>
    /// Every start in one day of one office (<paramref name="day"/>, ordered by start) at which
    /// <paramref name="slotsNeeded"/> back-to-back slots all have a place <paramref name="taker"/>
    /// may take; <paramref name="lapsedHolds"/> says, by position in the day, how many holds in a
    /// slot ran out unconfirmed and so count as free.
    /// </summary>
    public static IEnumerable<FreeTime> InDay(
        IReadOnlyList<Slot> day, int slotsNeeded, Taker taker, Instant now, Func<int, int>? lapsedHolds = null)
    {
        for (var i = 0; i + slotsNeeded <= day.Count; i++)
        {
            if (IsFreeRun(day, i, slotsNeeded, taker, now, lapsedHolds))
            {
                var ids = new long[slotsNeeded];
                for (var k = 0; k < slotsNeeded; k++)
                {
                    ids[k] = day[i + k].Id;
                }

                yield return new FreeTime(day[i].OfficeId, day[i].Date, day[i].Start, day[i + slotsNeeded - 1].End, ids);
            }
        }
    }

    /// <summary>How many starts <see cref="InDay"/> finds, without making them: a day's count on a list of days.</summary>
    public static int CountInDay(
        IReadOnlyList<Slot> day, int slotsNeeded, Taker taker, Instant now, Func<int, int>? lapsedHolds = null)
    {
        var count = 0;
        for (var i = 0; i + slotsNeeded <= day.Count; i++)
        {
            if (IsFreeRun(day, i, slotsNeeded, taker, now, lapsedHolds))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Whether the slots, in this order, follow one another without a gap on one day of one office,
    /// and each has a place <paramref name="taker"/> may take at <paramref name="now"/>.
    /// </summary>
    public static bool IsFreeRun(IReadOnlyList<Slot> run, Taker taker, Instant now) => IsFreeRun(run, 0, run.Count, taker, now, null);

    private static bool IsFreeRun(
        IReadOnlyList<Slot> slots, int first, int count, Taker taker, Instant now, Func<int, int>? lapsedHolds)
    {
        for (var i = first; i < first + count; i++)
        {
            var slot = slots[i];
            if (i > first && !Follows(slots[i - 1], slot))
            {
                return false;
            }

            if (Bookability.FreePlaces(slot, taker, now, lapsedHolds?.Invoke(i) ?? 0) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Follows(Slot before, Slot slot) =>
        before.End == slot.Start && before.Date == slot.Date && before.OfficeId == slot.OfficeId;
}
