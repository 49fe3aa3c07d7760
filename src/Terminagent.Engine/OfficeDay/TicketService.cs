using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.OfficeDay;

public enum TicketRefusal
{
    UnknownOffice,

    /// <summary>The office has no kiosk and issues no tickets (the demo city's Unterbach).</summary>
    NoKiosk,

    UnknownService,
    ServiceNotOffered,

    /// <summary>Today's same-day capacity is released later (07:00 by default).</summary>
    BeforeRelease,

    /// <summary>Today's capacity for the service is used up, or the office is closed today.</summary>
    NoneLeft,
}

public sealed record TicketResult(Ticket? Ticket, TicketRefusal? Refusal)
{
    public bool Succeeded => Ticket is not null;
}

/// <summary>
/// Walk-ins draw a same-day ticket (Terminmarke) at an office's kiosk. A ticket takes a place in
/// today's slots as a booking does, so the day's capacity bounds the tickets; its number comes
/// from the office's sequence for the day, counted up by the database.
/// </summary>
public sealed class TicketService(TerminagentDb db, City city, Clock clock, BookingService bookings, CallBoard board)
{
    /// <summary>
    /// Every failed take means another draw or booking took that place first; after this many we
    /// stop rather than chase the last places forever.
    /// </summary>
    private const int Attempts = 8;

    public async Task<TicketResult> DrawAsync(string officeId, string serviceId, string language, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return Refused(TicketRefusal.UnknownOffice);
        }

        if (!office.HasKiosk)
        {
            return Refused(TicketRefusal.NoKiosk);
        }

        if (city.FindService(serviceId) is not { } service)
        {
            return Refused(TicketRefusal.UnknownService);
        }

        if (!service.OfficeIds.Contains(office.Id))
        {
            return Refused(TicketRefusal.ServiceNotOffered);
        }

        var now = clock.Now;
        if (IsBeforeRelease(office, now))
        {
            return Refused(TicketRefusal.BeforeRelease);
        }

        var today = now.InZone(office.Zone).Date;

        // A hold that ran out unconfirmed is free at once, as online; the walk-in need not wait for the sweeper.
        var todaysSlots = await db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == office.Id && s.Date == today && s.Start > now)
            .Select(s => s.Id)
            .ToListAsync(ct);
        await bookings.ExpireLapsedHoldsAsync(todaysSlots, now, ct);

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var runs = await FreeRunsTodayAsync(office, service, now, ct);
            if (runs.Count == 0)
            {
                return Refused(TicketRefusal.NoneLeft);
            }

            if (await TryIssueAsync(office, service, language, runs[0], today, now, ct) is { } ticket)
            {
                board.Announce(office.Id);
                return new TicketResult(ticket, null);
            }
        }

        return Refused(TicketRefusal.NoneLeft);
    }

    /// <summary>The runs of today's slots a ticket for the service could take now, earliest first.</summary>
    public async Task<IReadOnlyList<FreeTime>> FreeRunsTodayAsync(Office office, Service service, Instant now, CancellationToken ct)
    {
        var slots = await SlotsLeftTodayAsync(office, now, ct);
        return FreeTimes.Find(slots, city.SlotsNeeded(service), Taker.Citizen, now).OrderBy(t => t.Start).ToList();
    }

    /// <summary>Which of the office's services still have a place today: the start screen offers only those.</summary>
    public async Task<IReadOnlySet<string>> ServicesWithPlacesTodayAsync(Office office, Instant now, CancellationToken ct)
    {
        var slots = await SlotsLeftTodayAsync(office, now, ct);
        return city.Services
            .Where(s => s.OfficeIds.Contains(office.Id) && FreeTimes.Find(slots, city.SlotsNeeded(s), Taker.Citizen, now).Any())
            .Select(s => s.Id)
            .ToHashSet();
    }

    /// <summary>Today's slots of the office open to citizens (released, not begun): where a ticket can come from.</summary>
    private Task<List<Slot>> SlotsLeftTodayAsync(Office office, Instant now, CancellationToken ct)
    {
        var today = now.InZone(office.Zone).Date;
        return db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == office.Id && s.Date == today)
            .Where(Bookability.OpenTo(Taker.Citizen, now))
            .ToListAsync(ct);
    }

    public static bool IsBeforeRelease(Office office, Instant now) =>
        now.InZone(office.Zone).TimeOfDay < office.Release.SameDayReleaseTime;

    /// <summary>The ticket a kiosk of the office drew, or null when it is none of that office's.</summary>
    public Task<Ticket?> FindAsync(string officeId, Guid ticketId, CancellationToken ct) =>
        db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId && t.OfficeId == officeId, ct);

    /// <summary>
    /// Takes a place in each slot of the run, the next number and the ticket with its visit in one
    /// transaction; null when the run filled up meanwhile (everything rolls back).
    /// </summary>
    private async Task<Ticket?> TryIssueAsync(Office office, Service service, string language, FreeTime run, LocalDate today, Instant now, CancellationToken ct)
    {
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        if (!await SlotCapacity.TryTakeAsync(db, run.SlotIds, now, ct))
        {
            await tx.RollBackAsync(ct);
            return null;
        }

        // Numbered only once the places are ours, so a refused draw never uses up a number.
        var number = await NextNumberAsync(office.Id, today, ct);
        var ticket = Ticket.Draw(office, service, Languages.Normalise(language), run, today, number, now);
        db.Tickets.Add(ticket);
        db.Visits.Add(Visit.ForTicket(ticket));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ticket;
    }

    /// <summary>
    /// Counts the office's sequence for the day up by one in a single statement (SQLite 3.35+ and
    /// PostgreSQL alike): concurrent draws queue on the row, and a rolled-back draw leaves no gap.
    /// </summary>
    private async Task<int> NextNumberAsync(string officeId, LocalDate day, CancellationToken ct)
    {
        var date = day.ToDateOnly();
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO ticket_sequences ("OfficeId", "Day", "LastNumber") VALUES ({officeId}, {date}, 1)
            ON CONFLICT ("OfficeId", "Day") DO UPDATE SET "LastNumber" = ticket_sequences."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }

    private static TicketResult Refused(TicketRefusal refusal) => new(null, refusal);
}

/// <summary>The rough wait a walk-in is told: until the start of the slot the ticket took, rounded up to 5 minutes.</summary>
public static class ExpectedWait
{
    public static int Minutes(Instant now, Instant dueAt)
    {
        var minutes = (int)Math.Ceiling(Math.Max(0, (dueAt - now).TotalMinutes));
        return (minutes + 4) / 5 * 5;
    }
}
