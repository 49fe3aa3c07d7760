using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;

namespace Terminagent.Testing;

/// <summary>
/// Rows of a past that tests write straight into the database (the statistics count them, the
/// counter calls them), each reached the way the app reaches it: through the entities' factories
/// and methods, at the moments given.
/// </summary>
public static class History
{
    private static readonly Contact Anna = new("Anna Muster", "anna.muster@example.org", null);

    /// <summary>
    /// A booking of the scenario's service made at <paramref name="bookedAt"/>, online or by the
    /// infoline, and taken to <paramref name="status"/>: a no-show at its start, a cancellation when booked.
    /// </summary>
    public static Domain.Bookings.Booking Booking(City city, string officeId, Instant start, BookingStatus status, BookingChannel channel, Instant bookedAt)
    {
        var office = city.FindOffice(officeId)!;
        var service = city.FindService(Scenario.Service)!;
        var booking = channel == BookingChannel.Online
            ? Domain.Bookings.Booking.Hold(office, service, start, Anna, "de", city.HoldDuration, bookedAt)
            : Domain.Bookings.Booking.ForCaller(office, service, start, new CallerContact(Anna.Name, null, "0211 1"), "de", bookedAt);
        if (status == BookingStatus.Held)
        {
            return booking;
        }

        booking.Confirm(bookedAt);
        var outcome = status switch
        {
            BookingStatus.Confirmed => BookingOutcome.Done,
            BookingStatus.Cancelled => booking.Cancel(bookedAt),
            BookingStatus.NoShow => booking.MarkNoShow(start, start),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A past booking is held, confirmed, cancelled or a no-show."),
        };
        return outcome == BookingOutcome.Done && booking.Status == status
            ? booking
            : throw new InvalidOperationException($"The booking did not become {status}.");
    }

    /// <summary>A walk-in who drew ticket <paramref name="number"/> at <paramref name="drawn"/>, due then (the ticket itself is not stored).</summary>
    public static Visit Walkin(City city, string officeId, Instant drawn, int number, Instant? dueAt = null)
    {
        var office = city.FindOffice(officeId)!;
        var day = drawn.InZone(office.Zone).Date;
        var due = dueAt ?? drawn;
        var run = new FreeTime(office.Id, day, due, due + city.SlotLength, []);
        return Visit.ForTicket(Ticket.Draw(office, city.FindService(Scenario.Service)!, "de", run, day, number, drawn));
    }

    /// <summary>Called to <paramref name="counter"/> at <paramref name="calledAt"/>, then served or not there, as <paramref name="status"/> says.</summary>
    public static Visit Called(this Visit visit, string counter, Instant calledAt, VisitStatus status)
    {
        visit.Call(counter, calledAt);
        var outcome = status switch
        {
            VisitStatus.Called => VisitOutcome.Done,
            VisitStatus.Served => visit.Serve(counter, calledAt),
            VisitStatus.NoShow => visit.MarkNoShow(counter, calledAt),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A called visit is served, not there or still at the counter."),
        };
        return outcome == VisitOutcome.Done ? visit : throw new InvalidOperationException($"The visit did not become {status}.");
    }
}
