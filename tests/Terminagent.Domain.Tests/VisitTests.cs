using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;

namespace Terminagent.Domain.Tests;

public class VisitTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 11, 30, 8, 0);

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
        var late = Waiting(due: Nine + Duration.FromMinutes(30), arrived: Nine - Duration.FromMinutes(20), label: "late");
        var dueEarlyCameLate = Waiting(due: Nine, arrived: Nine - Duration.FromMinutes(1), label: "b");
        var dueEarlyCameEarly = Waiting(due: Nine, arrived: Nine - Duration.FromMinutes(10), label: "a");

        var order = QueueOrder.Apply([late, dueEarlyCameLate, dueEarlyCameEarly]).Select(v => v.Label);

        Assert.Equal(["a", "b", "late"], order);
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

    private static Visit Waiting(Instant? due = null, Instant? arrived = null, string label = "001") => new()
    {
        Id = Guid.NewGuid(),
        OfficeId = "hauptbahnhof",
        Day = new LocalDate(2026, 11, 30),
        Kind = VisitKind.Ticket,
        Label = label,
        ServiceId = "personalausweis",
        DueAt = due ?? Nine,
        ArrivedAt = arrived ?? Nine,
        Status = VisitStatus.Waiting,
    };

    private static Booking ConfirmedBooking() => new()
    {
        Id = Guid.NewGuid(),
        Code = "K7M4-P2QX",
        OfficeId = "hauptbahnhof",
        ServiceId = "personalausweis",
        Start = Nine,
        End = Nine + Duration.FromMinutes(15),
        Status = BookingStatus.Confirmed,
        Name = "Anna Muster",
        Language = "de",
    };
}
