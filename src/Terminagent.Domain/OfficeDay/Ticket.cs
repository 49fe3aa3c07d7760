using NodaTime;

namespace Terminagent.Domain.OfficeDay;

/// <summary>
/// A same-day ticket (Terminmarke) drawn at an office's kiosk. It takes a place in today's slots
/// like a booking does, so tickets can never outnumber the day's capacity; its number is unique in
/// the office for the day.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; set; }
    public required string OfficeId { get; set; }
    public LocalDate Day { get; set; }
    public int Number { get; set; }
    public required string ServiceId { get; set; }

    /// <summary>"de" or "en", as chosen at the kiosk.</summary>
    public required string Language { get; set; }

    public Instant IssuedAt { get; set; }

    /// <summary>The start of the slot the ticket took: when its holder is due at a counter.</summary>
    public Instant DueAt { get; set; }

    public List<TicketSlot> Slots { get; set; } = [];

    /// <summary>The number as the display shows and the clerk calls it.</summary>
    public string Label => FormatNumber(Number);

    public static string FormatNumber(int number) => number.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class TicketSlot
{
    public Guid TicketId { get; set; }
    public long SlotId { get; set; }
}

/// <summary>The last ticket number handed out at an office on a day; the next is one more.</summary>
public sealed class TicketSequence
{
    public required string OfficeId { get; set; }
    public LocalDate Day { get; set; }
    public int LastNumber { get; set; }
}
