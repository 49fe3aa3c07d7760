using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>
/// One unit of an office's schedule: a start, a length and as many places as counters are open.
/// <see cref="Taken"/> counts bookings and holds; the database refuses any change that would let it
/// exceed <see cref="Capacity"/>, unless a schedule change already did and staff must review it.
/// </summary>
public sealed class Slot
{
    public long Id { get; set; }
    public required string OfficeId { get; set; }
    public LocalDate Date { get; set; }
    public Instant Start { get; set; }
    public Instant End { get; set; }
    public int Capacity { get; set; }

    /// <summary>Places kept back until the same-day release.</summary>
    public int HeldBack { get; set; }

    public int Taken { get; set; }
    public Instant ReleasedAt { get; set; }
    public Instant SameDayReleaseAt { get; set; }

    /// <summary>The schedule no longer has this slot, but bookings in it keep it alive.</summary>
    public bool IsWithdrawn { get; set; }

    /// <summary>
    /// A change of opening hours, counters or closed days left this slot with more bookings than
    /// places (or none at all): its bookings stay, and staff are shown them to decide.
    /// </summary>
    public bool NeedsReview { get; set; }
}
