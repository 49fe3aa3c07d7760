using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>One place a booking occupies in one slot of its office.</summary>
public sealed record BookedPlace(Guid BookingId, string ServiceId, Instant SlotStart, Instant BookedAt);

public enum ScheduleConflict
{
    /// <summary>The office is no longer open at the booked time (hours changed or the day closed).</summary>
    Closed = 1,

    /// <summary>Fewer counters than bookings at that time.</summary>
    TooFewCounters = 2,

    /// <summary>The office no longer offers the booked service.</summary>
    ServiceNotOffered = 3,
}

/// <summary>
/// Which bookings a new schedule leaves without room. Where counters are reduced, the bookings made
/// last give way, so those who booked first keep their time; no booking is moved or dropped here,
/// they are only named so the citizens can be told.
/// </summary>
public static class ScheduleChange
{
    public static IReadOnlyDictionary<Guid, ScheduleConflict> Affected(
        IEnumerable<BookedPlace> places, IReadOnlyDictionary<Instant, int> plannedCapacity, IReadOnlySet<string> servicesOffered)
    {
        var affected = new Dictionary<Guid, ScheduleConflict>();
        void Mark(Guid booking, ScheduleConflict conflict)
        {
            if (!affected.TryGetValue(booking, out var known) || conflict < known)
            {
                affected[booking] = conflict;
            }
        }

        foreach (var slot in places.GroupBy(p => p.SlotStart))
        {
            var capacity = plannedCapacity.GetValueOrDefault(slot.Key);
            var inOrder = slot.OrderBy(p => p.BookedAt).ThenBy(p => p.BookingId).ToList();
            for (var i = 0; i < inOrder.Count; i++)
            {
                if (capacity == 0)
                {
                    Mark(inOrder[i].BookingId, ScheduleConflict.Closed);
                }
                else if (i >= capacity)
                {
                    Mark(inOrder[i].BookingId, ScheduleConflict.TooFewCounters);
                }
                else if (!servicesOffered.Contains(inOrder[i].ServiceId))
                {
                    Mark(inOrder[i].BookingId, ScheduleConflict.ServiceNotOffered);
                }
            }
        }

        return affected;
    }
}
