using NodaTime;
using NodaTime.Testing;
using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.Tests;

public class BookingLifecycleTests
{
    private static readonly Duration Hold = Duration.FromMinutes(30);
    private static readonly Duration Tick = Duration.Epsilon;

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 1, 5, 10, 0));

    private Instant Now => _clock.GetCurrentInstant();

    [Fact]
    public void NewBooking_IsHeld_AndOccupiesItsSlots()
    {
        var booking = HeldBooking();

        Assert.Equal(BookingStatus.Held, booking.Status);
        Assert.True(booking.OccupiesSlots);
        Assert.False(booking.HoldHasLapsed(Now));
    }

    [Fact]
    public void Confirm_BeforeHoldExpires_IsDone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold - Tick);

        Assert.Equal(BookingOutcome.Done, booking.Confirm(Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(Now, booking.ConfirmedAt);
        Assert.Null(booking.HoldExpiresAt);
        Assert.True(booking.OccupiesSlots);
    }

    [Fact]
    public void Confirm_AtHoldExpiry_IsGone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);

        Assert.Equal(BookingOutcome.Gone, booking.Confirm(Now));
        Assert.NotEqual(BookingStatus.Confirmed, booking.Status);
        Assert.Null(booking.ConfirmedAt);
    }

    [Fact]
    public void Confirm_AfterHoldExpiry_IsGone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold + Duration.FromMinutes(1));

        Assert.Equal(BookingOutcome.Gone, booking.Confirm(Now));
        Assert.NotEqual(BookingStatus.Confirmed, booking.Status);
    }

    [Fact]
    public void Confirm_Twice_IsAlreadyDone_AndKeepsTheFirstConfirmation()
    {
        var booking = HeldBooking();
        booking.Confirm(Now);
        var confirmedAt = booking.ConfirmedAt;
        _clock.AdvanceHours(2);

        Assert.Equal(BookingOutcome.AlreadyDone, booking.Confirm(Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(confirmedAt, booking.ConfirmedAt);
    }

    [Fact]
    public void Confirm_AfterExpire_IsGone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);
        booking.Expire(Now);

        Assert.Equal(BookingOutcome.Gone, booking.Confirm(Now));
        Assert.Equal(BookingStatus.Expired, booking.Status);
    }

    [Fact]
    public void Confirm_AfterCancel_IsGone()
    {
        var booking = ConfirmedBooking();
        booking.Cancel(Now);

        Assert.Equal(BookingOutcome.Gone, booking.Confirm(Now));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Fact]
    public void Expire_BeforeHoldExpiry_ChangesNothing()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold - Tick);

        Assert.False(booking.HoldHasLapsed(Now));
        Assert.NotEqual(BookingOutcome.Done, booking.Expire(Now));
        Assert.Equal(BookingStatus.Held, booking.Status);
    }

    [Fact]
    public void Expire_AtHoldExpiry_IsDone_AndFreesTheSlots()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);

        Assert.True(booking.HoldHasLapsed(Now));
        Assert.Equal(BookingOutcome.Done, booking.Expire(Now));
        Assert.Equal(BookingStatus.Expired, booking.Status);
        Assert.False(booking.OccupiesSlots);
    }

    [Fact]
    public void Expire_Twice_ChangesNothingTheSecondTime()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);
        booking.Expire(Now);
        _clock.AdvanceMinutes(5);

        Assert.Equal(BookingOutcome.AlreadyDone, booking.Expire(Now));
        Assert.Equal(BookingStatus.Expired, booking.Status);
    }

    [Fact]
    public void Expire_ConfirmedBooking_ChangesNothing_EvenLongAfterTheHold()
    {
        var booking = ConfirmedBooking();
        _clock.AdvanceDays(3);

        Assert.False(booking.HoldHasLapsed(Now));
        Assert.NotEqual(BookingOutcome.Done, booking.Expire(Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
    }

    [Fact]
    public void Cancel_ConfirmedFutureBooking_IsDone_AndBumpsTheSequence()
    {
        var booking = ConfirmedBooking();
        _clock.AdvanceDays(1);

        Assert.Equal(BookingOutcome.Done, booking.Cancel(Now));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal(Now, booking.CancelledAt);
        Assert.Equal(1, booking.Sequence);
        Assert.False(booking.OccupiesSlots);
    }

    [Fact]
    public void Cancel_OneTickBeforeStart_IsDone()
    {
        var booking = ConfirmedBooking();
        _clock.Reset(booking.Start - Tick);

        Assert.Equal(BookingOutcome.Done, booking.Cancel(Now));
    }

    [Fact]
    public void Cancel_Twice_IsAlreadyDone_AndKeepsTheSequence()
    {
        var booking = ConfirmedBooking();
        booking.Cancel(Now);
        var cancelledAt = booking.CancelledAt;
        _clock.AdvanceMinutes(1);

        Assert.Equal(BookingOutcome.AlreadyDone, booking.Cancel(Now));
        Assert.Equal(1, booking.Sequence);
        Assert.Equal(cancelledAt, booking.CancelledAt);
    }

    [Fact]
    public void Cancel_AtStart_IsTooLate()
    {
        var booking = ConfirmedBooking();
        _clock.Reset(booking.Start);

        Assert.Equal(BookingOutcome.TooLate, booking.Cancel(Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(0, booking.Sequence);
    }

    [Fact]
    public void Cancel_AfterStart_IsTooLate()
    {
        var booking = ConfirmedBooking();
        _clock.Reset(booking.End + Duration.FromHours(1));

        Assert.Equal(BookingOutcome.TooLate, booking.Cancel(Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
    }

    [Fact]
    public void Cancel_ExpiredHold_IsAlreadyDone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);
        booking.Expire(Now);

        Assert.Equal(BookingOutcome.AlreadyDone, booking.Cancel(Now));
        Assert.Equal(BookingStatus.Expired, booking.Status);
    }

    [Fact]
    public void MoveTo_ConfirmedFutureBooking_IsDone_AndBumpsTheSequence()
    {
        var booking = ConfirmedBooking();
        var newStart = booking.Start + Duration.FromDays(2);
        var newEnd = newStart + Duration.FromMinutes(30);

        Assert.Equal(BookingOutcome.Done, booking.MoveTo("nord", newStart, newEnd, [11, 12], Now));
        Assert.Equal("nord", booking.OfficeId);
        Assert.Equal(newStart, booking.Start);
        Assert.Equal(newEnd, booking.End);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(1, booking.Sequence);
        Assert.Equal([11L, 12L], booking.Slots.Select(s => s.SlotId));
        Assert.All(booking.Slots, s => Assert.Equal(booking.Id, s.BookingId));
    }

    [Fact]
    public void MoveTo_AQuarterLater_KeepsTheSlotBothRunsShare_AndSwapsTheOther()
    {
        var booking = ConfirmedBooking();
        var kept = booking.Slots[1];

        Assert.Equal(BookingOutcome.Done, booking.MoveTo(booking.OfficeId, booking.Start + Duration.FromMinutes(15), booking.End + Duration.FromMinutes(15), [2, 3], Now));

        Assert.Equal([2L, 3L], booking.Slots.Select(s => s.SlotId).Order());
        Assert.Same(kept, booking.Slots.Single(s => s.SlotId == 2));
    }

    [Fact]
    public void MoveTo_ClearsTheScheduleChangeNotice_SoALaterChangeIsNewsAgain()
    {
        var booking = ConfirmedBooking();
        booking.RecordScheduleChangeNotice(Now);

        booking.MoveTo("nord", booking.Start + Duration.FromDays(1), booking.End + Duration.FromDays(1), [11, 12], Now);

        Assert.Null(booking.ScheduleChangeNoticeAt);
        Assert.True(booking.RecordScheduleChangeNotice(Now + Tick));
    }

    [Fact]
    public void MoveTo_HeldBooking_IsGone()
    {
        var booking = HeldBooking();

        AssertNotMoved(booking, BookingOutcome.Gone);
    }

    [Fact]
    public void MoveTo_CancelledBooking_IsGone()
    {
        var booking = ConfirmedBooking();
        booking.Cancel(Now);

        AssertNotMoved(booking, BookingOutcome.Gone);
    }

    [Fact]
    public void MoveTo_ExpiredBooking_IsGone()
    {
        var booking = HeldBooking();
        _clock.Advance(Hold);
        booking.Expire(Now);

        AssertNotMoved(booking, BookingOutcome.Gone);
    }

    [Fact]
    public void MoveTo_AfterStart_IsTooLate()
    {
        var booking = ConfirmedBooking();
        _clock.Reset(booking.Start);

        AssertNotMoved(booking, BookingOutcome.TooLate);
    }

    private void AssertNotMoved(Booking booking, BookingOutcome expected)
    {
        var (office, start, end, sequence) = (booking.OfficeId, booking.Start, booking.End, booking.Sequence);
        var slots = booking.Slots.ToList();

        Assert.Equal(expected, booking.MoveTo("nord", start + Duration.FromDays(1), end + Duration.FromDays(1), [11, 12], Now));
        Assert.Equal(office, booking.OfficeId);
        Assert.Equal(start, booking.Start);
        Assert.Equal(end, booking.End);
        Assert.Equal(sequence, booking.Sequence);
        Assert.Equal(slots, booking.Slots);
    }

    /// <summary>Held now in slots 1 and 2, for a 30-minute appointment a week ahead.</summary>
    private Booking HeldBooking()
    {
        var booking = Booking.Hold(TestEntities.Mitte, TestEntities.Personalausweis, Now + Duration.FromDays(7), TestEntities.Anna, "de", Hold, Now);
        booking.OccupySlots([1, 2]);
        return booking;
    }

    private Booking ConfirmedBooking()
    {
        var booking = HeldBooking();
        Assert.Equal(BookingOutcome.Done, booking.Confirm(Now));
        return booking;
    }
}
