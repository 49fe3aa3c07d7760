using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Tests;

public class VisitTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 11, 30, 8, 0);

    private static readonly LocalDate Day = new(2026, 11, 30);

    private static readonly Office Hauptbahnhof = TestOffices.Morning(id: "hauptbahnhof");

    private static readonly Service Personalausweis = new("personalausweis", "Personalausweis", "Identity card", Duration.FromMinutes(15), ["hauptbahnhof"]);

    [Fact]
    public void Call_FromWaiting_RecordsCounterAndFirstCall()
    {
        var visit = Waiting();

        Assert.Equal(VisitOutcome.Done, visit.Call("Schalter 1", Nine + Duration.FromMinutes(12)));

        Assert.Equal(VisitStatus.Called, visit.Status);
        Assert.Equal("Schalter 1", visit.Counter);
        Assert.Equal(1, visit.CallCount);
        Assert.Equal(Duration.FromMinutes(12), visit.WaitingTime);
    }

    [Fact]
    public void Call_WhenAlreadyCalled_IsNotPossible_AndKeepsTheFirstCounter()
    {
        var visit = Waiting();
        visit.Call("Schalter 1", Nine);

        Assert.Equal(VisitOutcome.NotPossible, visit.Call("Schalter 2", Nine));
        Assert.Equal("Schalter 1", visit.Counter);
    }

    [Fact]
    public void Recall_CountsAgain_ButKeepsTheWaitingTime()
    {
        var visit = Waiting();
        visit.Call("Schalter 1", Nine + Duration.FromMinutes(5));

        Assert.Equal(VisitOutcome.Done, visit.Recall("Schalter 1", Nine + Duration.FromMinutes(7)));

        Assert.Equal(2, visit.CallCount);
        Assert.Equal(Duration.FromMinutes(5), visit.WaitingTime);
        Assert.Equal(Nine + Duration.FromMinutes(7), visit.CalledAt);
    }

    [Fact]
    public void AnotherCounter_CannotFinishOrRecall_WhatItDidNotCall()
    {
        var visit = Waiting();
        visit.Call("Schalter 1", Nine);

        Assert.Equal(VisitOutcome.NotPossible, visit.Serve("Schalter 2", Nine));
        Assert.Equal(VisitOutcome.NotPossible, visit.MarkNoShow("Schalter 2", Nine));
        Assert.Equal(VisitOutcome.NotPossible, visit.Recall("Schalter 2", Nine));
        Assert.Equal(VisitOutcome.NotPossible, visit.Park("Schalter 2"));
        Assert.Equal(VisitStatus.Called, visit.Status);
    }

    [Fact]
    public void Parked_CanBeCalledAgain_ByAnyCounter()
    {
        var visit = Waiting();
        visit.Call("Schalter 1", Nine);
        visit.Park("Schalter 1");

        Assert.Equal(VisitOutcome.Done, visit.Call("Schalter 3", Nine + Duration.FromMinutes(20)));

        Assert.Equal("Schalter 3", visit.Counter);
        Assert.Equal(Duration.Zero, visit.WaitingTime);
    }

    [Fact]
    public void Served_IsFinal()
    {
        var visit = Waiting();
        visit.Call("Schalter 1", Nine);
        visit.Serve("Schalter 1", Nine + Duration.FromMinutes(10));

        Assert.False(visit.IsOpen);
        Assert.Equal(VisitOutcome.NotPossible, visit.Call("Schalter 1", Nine));
        Assert.Equal(VisitOutcome.NotPossible, visit.MarkNoShow("Schalter 1", Nine));
    }

    [Fact]
    public void QueueOrder_PutsWhoIsDueFirst_ThenWhoCameFirst()
    {
        var late = Waiting(due: Nine + Duration.FromMinutes(30), arrived: Nine - Duration.FromMinutes(20), number: 1);
        var dueEarlyCameLate = Waiting(due: Nine, arrived: Nine - Duration.FromMinutes(1), number: 3);
        var dueEarlyCameEarly = Waiting(due: Nine, arrived: Nine - Duration.FromMinutes(10), number: 2);

        var order = QueueOrder.Apply([late, dueEarlyCameLate, dueEarlyCameEarly]);

        Assert.Equal([dueEarlyCameEarly, dueEarlyCameLate, late], order);
    }

    [Fact]
    public void NoShow_OnlyForConfirmedBookings_AfterTheDeadline()
    {
        var booking = ConfirmedBooking();

        Assert.Equal(BookingOutcome.Gone, booking.MarkNoShow(Nine + Duration.FromMinutes(15), Nine + Duration.FromMinutes(14)));
        Assert.Equal(BookingOutcome.Done, booking.MarkNoShow(Nine + Duration.FromMinutes(15), Nine + Duration.FromMinutes(15)));
        Assert.Equal(BookingStatus.NoShow, booking.Status);
        Assert.True(booking.OccupiesSlots);
        Assert.Equal(BookingOutcome.AlreadyDone, booking.MarkNoShow(Nine, Nine + Duration.FromHours(1)));
    }

    [Fact]
    public void CheckIn_IsRefused_ForCancelledOtherDayAndOtherOffice()
    {
        var day = new LocalDate(2026, 11, 30);
        var booking = ConfirmedBooking();

        Assert.Null(booking.CheckInProblemAt("hauptbahnhof", day, day));
        Assert.Equal(CheckInProblem.OtherOffice, booking.CheckInProblemAt("unterbach", day, day));
        Assert.Equal(CheckInProblem.OtherDay, booking.CheckInProblemAt("hauptbahnhof", day.PlusDays(1), day));

        booking.Cancel(Nine - Duration.FromHours(1));
        Assert.Equal(CheckInProblem.Cancelled, booking.CheckInProblemAt("hauptbahnhof", day, day));
    }

    [Fact]
    public void ForTicket_QueuesTheWalkInWhenTheTicketIsDrawn_DueAtTheSlotItTook()
    {
        var ticket = DrawTicket(due: Nine + Duration.FromMinutes(30), drawn: Nine, number: 7);

        var visit = Visit.ForTicket(ticket);

        Assert.Equal(VisitStatus.Waiting, visit.Status);
        Assert.Equal(VisitKind.Ticket, visit.Kind);
        Assert.Equal(ticket.Id, visit.TicketId);
        Assert.Null(visit.BookingId);
        Assert.Equal("007", visit.Label);
        Assert.Equal((Nine, Nine + Duration.FromMinutes(30)), (visit.ArrivedAt, visit.DueAt));
        Assert.Equal((ticket.OfficeId, ticket.Day, ticket.ServiceId), (visit.OfficeId, visit.Day, visit.ServiceId));
        Assert.Null(visit.WaitingTime);
    }

    [Fact]
    public void ForAppointment_QueuesTheConfirmedBookingByItsCode_DueAtItsStart()
    {
        var booking = ConfirmedBooking();
        var arrived = Nine - Duration.FromMinutes(5);

        var visit = Visit.ForAppointment(booking, Day, arrived);

        Assert.Equal(VisitStatus.Waiting, visit.Status);
        Assert.Equal(VisitKind.Appointment, visit.Kind);
        Assert.Equal(booking.Id, visit.BookingId);
        Assert.Null(visit.TicketId);
        Assert.Equal(booking.Code, visit.Label);
        Assert.Equal((booking.OfficeId, Day, booking.ServiceId), (visit.OfficeId, visit.Day, visit.ServiceId));
        Assert.Equal((arrived, booking.Start), (visit.ArrivedAt, visit.DueAt));
    }

    [Fact]
    public void ForAppointment_OfACancelledBooking_IsRefused()
    {
        var booking = ConfirmedBooking();
        booking.Cancel(Nine - Duration.FromHours(1));

        Assert.Throws<InvalidOperationException>(() => Visit.ForAppointment(booking, Day, Nine));
    }

    [Fact]
    public void Announcement_OfACall_ShowsTheLabelAndCounter()
    {
        var visit = Waiting();
        visit.Call("Schalter 2", Nine + Duration.FromMinutes(3));

        var call = CallAnnouncement.For(visit, Nine + Duration.FromMinutes(3));

        Assert.Equal((visit.OfficeId, visit.Id, visit.Label, "Schalter 2", Nine + Duration.FromMinutes(3)), (call.OfficeId, call.VisitId, call.Label, call.Counter, call.CalledAt));
    }

    [Fact]
    public void Announcement_OfAVisitNotCalled_IsRefused()
    {
        var visit = Waiting();

        Assert.Throws<InvalidOperationException>(() => CallAnnouncement.For(visit, Nine));
    }

    private static Ticket DrawTicket(Instant due, Instant drawn, int number) =>
        Ticket.Draw(Hauptbahnhof, Personalausweis, "de", new FreeTime("hauptbahnhof", Day, due, due + Duration.FromMinutes(15), [1]), Day, number, drawn);

    private static Visit Waiting(Instant? due = null, Instant? arrived = null, int number = 1) =>
        Visit.ForTicket(DrawTicket(due ?? Nine, arrived ?? Nine, number));

    private static Booking ConfirmedBooking() =>
        Booking.ForCaller(Hauptbahnhof, Personalausweis, Nine, new CallerContact("Anna Muster", null, "0211 1"), "de", Nine - Duration.FromDays(1));
}
