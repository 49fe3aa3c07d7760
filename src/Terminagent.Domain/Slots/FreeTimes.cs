using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>A time at which an appointment of some length can start: the run of slots it needs.</summary>
public sealed record FreeTime(string OfficeId, LocalDate Date, Instant Start, Instant End, IReadOnlyList<long> SlotIds);

public static class FreeTimes
{
    /// <summary>
    /// Every start at which <paramref name="slotsNeeded"/> back-to-back slots of one office and one
    /// day all have a free place.
    /// </summary>
    public static IEnumerable<FreeTime> Find(IEnumerable<Slot> slots, int slotsNeeded, Instant now)
    {
        foreach (var office in slots.GroupBy(s => (s.OfficeId, s.Date)))
        {
            var ordered = office.OrderBy(s => s.Start).ToList();
            for (var i = 0; i + slotsNeeded <= ordered.Count; i++)
            {
                var run = ordered.GetRange(i, slotsNeeded);
                if (IsContiguous(run) && run.All(s => s.FreePlaces(now) > 0))
                {
                    yield return new FreeTime(
                        run[0].OfficeId, run[0].Date, run[0].Start, run[^1].End, run.Select(s => s.Id).ToList());
                }
            }
        }
    }

    private static bool IsContiguous(List<Slot> run)
    {
        for (var i = 1; i < run.Count; i++)
        {
            if (run[i].Start != run[i - 1].End)
            {
                return false;
            }
        }

        return true;
    }
}
