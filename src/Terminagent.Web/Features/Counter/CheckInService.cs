using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Booking;
using Terminagent.Domain.City;
using Terminagent.Domain.OfficeDay;
using Terminagent.Web.Time;

namespace Terminagent.Web.Features.Counter;

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

public sealed record CheckInResult(Visit? Visit, Domain.Booking.Booking? Booking, CheckInRefusal? Refusal, bool AlreadyCheckedIn = false);

/// <summary>
/// An appointment holder arrives: by the code from their confirmation email, typed or scanned from
/// its QR code, at the kiosk or the counter. They join today's queue once, however often they try.
/// </summary>
public sealed class CheckInService(TerminagentDb db, City city, Clock clock)
{
    public async Task<CheckInResult> CheckInAsync(string officeId, string? code, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return new CheckInResult(null, null, CheckInRefusal.UnknownOffice);
        }

        if (Normalise(code) is not { } normalised)
        {
            return new CheckInResult(null, null, CheckInRefusal.UnknownCode);
        }

        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Code == normalised, ct);
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

        var visit = new Visit
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
            OfficeId = office.Id,
            Day = today,
            Kind = VisitKind.Appointment,
            BookingId = booking.Id,
            Label = booking.Code,
            ServiceId = booking.ServiceId,
            DueAt = booking.Start,
            ArrivedAt = now,
            Status = VisitStatus.Waiting,
        };
        db.Visits.Add(visit);
        try
        {
            await db.SaveChangesAsync(ct);
            return new CheckInResult(visit, booking, null);
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

    /// <summary>"k7m4 p2qx", "K7M4P2QX" and "K7M4-P2QX" are the same code; anything else is none.</summary>
    public static string? Normalise(string? code)
    {
        if (code is null || code.Length > 40)
        {
            return null;
        }

        var letters = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        if (letters.Length != 8 || !letters.All(c => char.IsAsciiLetterOrDigit(c)))
        {
            return null;
        }

        return $"{letters[..4]}-{letters[4..]}";
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
