using NodaTime;
using NodaTime.Testing;
using Terminagent.Domain.Bookings;
using static Terminagent.Domain.Tests.TestEntities;

namespace Terminagent.Domain.Tests;

/// <summary>How a booking begins: a citizen's hold, a caller's booking, an accepted offer; its slots and schedule notices.</summary>
public class BookingCreationTests
{
    private static readonly Duration HoldFor = Duration.FromMinutes(30);

    private readonly FakeClock clock = new(Instant.FromUtc(2026, 1, 5, 10, 0));

    private Instant Now => clock.GetCurrentInstant();

    [Fact]
    public void Hold_ForAWeekAhead_IsHeldForTheHoldDuration_AndEndsAfterTheService()
    {
        var start = Now + Duration.FromDays(7);

        var booking = Booking.Hold(Mitte, Personalausweis, start, Anna, "de", HoldFor, Now);

        Assert.Equal(BookingStatus.Held, booking.Status);
        Assert.Equal(Now + HoldFor, booking.HoldExpiresAt);
        Assert.Equal(("mitte", "personalausweis"), (booking.OfficeId, booking.ServiceId));
        Assert.Equal((start, start + Duration.FromMinutes(30)), (booking.Start, booking.End));
        Assert.Equal(BookingChannel.Online, booking.Channel);
        Assert.Equal(Now, booking.CreatedAt);
        Assert.Null(booking.ConfirmedAt);
        Assert.Empty(booking.Slots);
        Assert.Equal(0, booking.Sequence);
    }

    [Fact]
    public void Hold_KeepsTheContact_AndFindsThePersonByTheNormalisedEmail()
    {
        var booking = Booking.Hold(Mitte, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now);

        Assert.Equal("Anna Meier", booking.Name);
        Assert.Equal("Anna.Meier@Example.de", booking.Email);
        Assert.Equal("anna.meier@example.de", booking.NormalisedEmail);
        Assert.Equal("0211 123456", booking.Phone);
        Assert.Equal("de", booking.Language);
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", booking.Code);
    }

    [Fact]
    public void Hold_OfAnAppointmentSoonerThanTheHoldDuration_LapsesAtTheStart()
    {
        var start = Now + Duration.FromMinutes(10);

        var booking = Booking.Hold(Mitte, Personalausweis, start, Anna, "de", HoldFor, Now);

        Assert.Equal(start, booking.HoldExpiresAt);
    }

    [Fact]
    public void Hold_OfAServiceTheOfficeDoesNotOffer_IsRefused()
    {
        var elsewhere = TestOffices.Morning(id: "unterbach");

        Assert.Throws<ArgumentException>(() => Booking.Hold(elsewhere, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now));
    }

    [Fact]
    public void Holds_AtTheSameMoment_GetTheirOwnIdsAndCodes()
    {
        var first = Booking.Hold(Mitte, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now);
        var second = Booking.Hold(Mitte, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now);

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Code, second.Code);
    }

    [Fact]
    public void ForCaller_IsConfirmedAtOnce_ByTheInfoline()
    {
        var booking = Booking.ForCaller(Mitte, Personalausweis, Now + Duration.FromDays(3), new CallerContact("Karl Anrufer", null, "0211 1"), "en", Now);

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(Now, booking.ConfirmedAt);
        Assert.Null(booking.HoldExpiresAt);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
        Assert.Null(booking.Email);
        Assert.Null(booking.NormalisedEmail);
        Assert.Equal("0211 1", booking.Phone);
        Assert.Equal("en", booking.Language);
    }

    [Fact]
    public void FromOffer_Accepted_IsConfirmed_ForTheWishesCitizen_InTheOffersPlaces()
    {
        var wish = WaitingWish(Now - Duration.FromDays(10));
        var start = Now + Duration.FromDays(2);
        var offer = OfferTo(wish, start, Now);
        clock.Advance(Duration.FromHours(1));
        offer.Accept(Now);

        var booking = Booking.FromOffer(offer, wish, BookingChannel.Online, Now);

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal((Now, Now), (booking.CreatedAt, booking.ConfirmedAt!.Value));
        Assert.Equal((offer.OfficeId, offer.ServiceId, offer.Start, offer.End), (booking.OfficeId, booking.ServiceId, booking.Start, booking.End));
        Assert.Equal((wish.Name, wish.Email, wish.NormalisedEmail, wish.Phone, wish.Language), (booking.Name, booking.Email, booking.NormalisedEmail, booking.Phone, booking.Language));
        Assert.Equal(offer.Slots.Select(s => s.SlotId), booking.Slots.Select(s => s.SlotId));
        Assert.All(booking.Slots, s => Assert.Equal(booking.Id, s.BookingId));
        Assert.Equal(BookingChannel.Online, booking.Channel);
    }

    [Fact]
    public void FromOffer_AcceptedForACallerWithoutEmail_HasNoAddressToFindThemBy()
    {
        var wish = WaitingWish(Now - Duration.FromDays(10), email: null);
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        offer.Accept(Now);

        var booking = Booking.FromOffer(offer, wish, BookingChannel.Infoline, Now);

        Assert.Null(booking.Email);
        Assert.Null(booking.NormalisedEmail);
        Assert.Equal(BookingChannel.Infoline, booking.Channel);
    }

    [Fact]
    public void FromOffer_StillOpen_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(10));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);

        Assert.Throws<InvalidOperationException>(() => Booking.FromOffer(offer, wish, BookingChannel.Online, Now));
    }

    [Fact]
    public void FromOffer_BookedAlready_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(10));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        offer.Accept(Now);
        offer.RecordBooking(Booking.FromOffer(offer, wish, BookingChannel.Online, Now));

        Assert.Throws<InvalidOperationException>(() => Booking.FromOffer(offer, wish, BookingChannel.Online, Now));
    }

    [Fact]
    public void FromOffer_WithAnotherWish_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(10));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        offer.Accept(Now);

        Assert.Throws<ArgumentException>(() => Booking.FromOffer(offer, WaitingWish(Now), BookingChannel.Online, Now));
    }

    [Fact]
    public void OccupySlots_OfANewBooking_TakesThemForIt()
    {
        var booking = Booking.Hold(Mitte, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now);

        booking.OccupySlots([4, 5]);

        Assert.Equal([4L, 5L], booking.Slots.Select(s => s.SlotId));
        Assert.All(booking.Slots, s => Assert.Equal(booking.Id, s.BookingId));
    }

    [Fact]
    public void OccupySlots_Twice_IsRefused_OnlyAMoveChangesThem()
    {
        var booking = Booking.Hold(Mitte, Personalausweis, Now + Duration.FromDays(7), Anna, "de", HoldFor, Now);
        booking.OccupySlots([4, 5]);

        Assert.Throws<InvalidOperationException>(() => booking.OccupySlots([6, 7]));
        Assert.Equal([4L, 5L], booking.Slots.Select(s => s.SlotId));
    }

    [Fact]
    public void RecordScheduleChangeNotice_TheFirstTime_RecordsWhen()
    {
        var booking = Booking.ForCaller(Mitte, Personalausweis, Now + Duration.FromDays(3), new CallerContact("Karl Anrufer", "karl@example.org", null), "de", Now);

        Assert.True(booking.RecordScheduleChangeNotice(Now));

        Assert.Equal(Now, booking.ScheduleChangeNoticeAt);
    }

    [Fact]
    public void RecordScheduleChangeNotice_Again_KeepsTheFirst()
    {
        var booking = Booking.ForCaller(Mitte, Personalausweis, Now + Duration.FromDays(3), new CallerContact("Karl Anrufer", "karl@example.org", null), "de", Now);
        var first = Now;
        booking.RecordScheduleChangeNotice(first);
        clock.Advance(Duration.FromHours(1));

        Assert.False(booking.RecordScheduleChangeNotice(Now));
        Assert.Equal(first, booking.ScheduleChangeNoticeAt);
    }
}
