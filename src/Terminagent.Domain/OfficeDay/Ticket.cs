using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.OfficeDay;

/// <summary>
/// A same-day ticket (Terminmarke) drawn at an office's kiosk. It takes a place in today's slots
/// like a booking does, so tickets can never outnumber the day's capacity; its number is unique in
/// the office for the day.
/// </summary>
public sealed class Ticket
{
    private List<TicketSlot> slots = [];

    // EF Core materialises rows through this constructor too; everything else is set by Draw.
    private Ticket(Guid id, string officeId, string serviceId, string language)
    {
        Id = id;
        OfficeId = officeId;
        ServiceId = serviceId;
        Language = language;
    }

    public Guid Id { get; private init; }
    public string OfficeId { get; private init; }
    public LocalDate Day { get; private init; }
    public int Number { get; private init; }
    public string ServiceId { get; private init; }

    /// <summary>The language chosen at the kiosk (one of <c>Languages.Supported</c>: de, en, tr, uk, ar).</summary>
    public string Language { get; private init; }

    public Instant IssuedAt { get; private init; }

    /// <summary>The start of the slot the ticket took: when its holder is due at a counter.</summary>
    public Instant DueAt { get; private init; }

    public IReadOnlyList<TicketSlot> Slots => slots;

    /// <summary>The number as the display shows and the clerk calls it.</summary>
    public string Label => FormatNumber(Number);

    /// <summary>
    /// Ticket <paramref name="number"/> of the office's <paramref name="day"/>, for the free run of
    /// today's slots <paramref name="run"/> whose places the caller has taken.
    /// </summary>
    public static Ticket Draw(Office office, Service service, string language, FreeTime run, LocalDate day, int number, Instant now)
    {
        if (run.OfficeId != office.Id || run.Date != day)
        {
            throw new ArgumentException($"The run is at {run.OfficeId} on {run.Date}, not at {office.Id} on {day}.", nameof(run));
        }

        if (number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "Ticket numbers count from 1.");
        }

        var ticket = new Ticket(Guid.CreateVersion7(now.ToDateTimeOffset()), office.Id, service.Id, language)
        {
            Day = day,
            Number = number,
            IssuedAt = now,
            DueAt = run.Start,
        };
        ticket.slots = run.SlotIds.Select(id => new TicketSlot(ticket.Id, id)).ToList();
        return ticket;
    }

    public static string FormatNumber(int number) => number.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class TicketSlot
{
    internal TicketSlot(Guid ticketId, long slotId)
    {
        TicketId = ticketId;
        SlotId = slotId;
    }

    public Guid TicketId { get; private init; }
    public long SlotId { get; private init; }
}

/// <summary>
/// The last ticket number handed out at an office on a day; the next is one more. Only the
/// database counts it up (one statement in TicketService), so code reads it and never changes it.
/// </summary>
public sealed class TicketSequence
{
    private TicketSequence(string officeId)
    {
        OfficeId = officeId;
    }

    public string OfficeId { get; private init; }
    public LocalDate Day { get; private init; }
    public int LastNumber { get; private init; }
}
