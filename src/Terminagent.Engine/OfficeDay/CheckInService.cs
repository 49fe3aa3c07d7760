using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.OfficeDay;

public enum CheckInRefusal
{
    UnknownOffice,
    UnknownCode,
    Cancelled,
    NotConfirmed,
    OtherOffice,
    OtherDay,

    /// <summary>Marked as not shown up: the grace period after the start had passed.</summary>
    TooLate,
}

public sealed record CheckInResult(Visit? Visit, Booking? Booking, CheckInRefusal? Refusal, bool AlreadyCheckedIn = false);

/// <summary>
/// An appointment holder arrives: by the code from their confirmation email, typed or scanned from
/// its QR code, at the kiosk or the counter. They join today's queue once, however often they try,
/// and only until the grace period after the start ends (then the appointment is a no-show).
/// </summary>
public sealed class CheckInService(TerminagentDb db, City city, Clock clock, IOptions<OfficeDayOptions> options, AuditLog audit, CallBoard board)
{
    public Task<CheckInResult> CheckInAsync(string officeId, string? code, CancellationToken ct) =>
        CheckInAsync(officeId, code, retried: false, ct);

    private async Task<CheckInResult> CheckInAsync(string officeId, string? code, bool retried, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return new CheckInResult(null, null, CheckInRefusal.UnknownOffice);
        }

        if (BookingCode.Normalise(code) is not { } normalised)
        {
            return new CheckInResult(null, null, CheckInRefusal.UnknownCode);
        }

        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Code == normalised, ct);
        if (booking is null)
        {
            return new CheckInResult(null, null, CheckInRefusal.UnknownCode);
        }

        var existing = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.BookingId == booking.Id, ct);
        if (existing is not null)
        {
            return new CheckInResult(existing, booking, null, AlreadyCheckedIn: true);
        }

        var now = clock.Now;
        var today = now.InZone(office.Zone).Date;
        var problem = booking.CheckInProblemAt(office.Id, today, booking.Start.InZone(office.Zone).Date);
        if (problem is not null)
        {
            return new CheckInResult(null, booking, Refusal(problem.Value));
        }

        if (now >= booking.Start + options.Value.NoShowGrace)
        {
            return new CheckInResult(null, booking, CheckInRefusal.TooLate);
        }

        var visit = Visit.ForAppointment(booking, today, now);
        db.Visits.Add(visit);

        // At the counter, a member of staff checked the citizen in; at the kiosk nobody is recorded.
        audit.Add(AuditActions.CounterCheckIn, office.Id, $"Code: {booking.Code}");

        // Saved against the booking's version: a cancellation or the no-show rule that changed the
        // booking meanwhile makes this save fail instead of queueing a booking that is over.
        db.Entry(booking).Property("Version").IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            board.Announce(office.Id);
            return new CheckInResult(visit, booking, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var after = await AfterLostRaceAsync(office, booking.Id, today, ct);
            return after is null && !retried ? await CheckInAsync(officeId, code, retried: true, ct) : after ?? new CheckInResult(null, booking, CheckInRefusal.TooLate);
        }
        catch (DbUpdateException)
        {
            // The same code checked in at the same moment elsewhere: the unique index kept one.
            db.ChangeTracker.Clear();
            var first = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.BookingId == booking.Id, ct);
            if (first is null)
            {
                throw;
            }

            return new CheckInResult(first, booking, null, AlreadyCheckedIn: true);
        }
    }

    /// <summary>What the change that came first did to the booking; null when it still may check in.</summary>
    private async Task<CheckInResult?> AfterLostRaceAsync(Office office, Guid bookingId, LocalDate today, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().FirstAsync(b => b.Id == bookingId, ct);
        if (await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.BookingId == bookingId, ct) is { } first)
        {
            return new CheckInResult(first, booking, null, AlreadyCheckedIn: true);
        }

        var problem = booking.CheckInProblemAt(office.Id, today, booking.Start.InZone(office.Zone).Date);
        return problem is null ? null : new CheckInResult(null, booking, Refusal(problem.Value));
    }

    private static CheckInRefusal Refusal(CheckInProblem problem) => problem switch
    {
        CheckInProblem.Cancelled => CheckInRefusal.Cancelled,
        CheckInProblem.NotConfirmed => CheckInRefusal.NotConfirmed,
        CheckInProblem.OtherOffice => CheckInRefusal.OtherOffice,
        CheckInProblem.OtherDay => CheckInRefusal.OtherDay,
        _ => CheckInRefusal.TooLate,
    };
}
