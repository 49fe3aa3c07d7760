using NodaTime;
using NodaTime.Testing;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using static Terminagent.Domain.Tests.TestEntities;

namespace Terminagent.Domain.Tests;

/// <summary>How the agent makes an offer, and how an accepted one records its booking.</summary>
public class OfferTests
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 1, 5, 10, 0));

    private Instant Now => clock.GetCurrentInstant();

    [Fact]
    public void Make_ForAWaitingWish_HoldsTheRunUntilTheDeadline()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));
        var start = Now + Duration.FromDays(2);
        var run = Run(start, firstId: 40);
        var deadline = Now + Duration.FromHours(48);

        var offer = Offer.Make(wish, Personalausweis, run, deadline, OfferSource.AdvanceRelease, Now);

        Assert.Equal(OfferStatus.Open, offer.Status);
        Assert.Equal((wish.Id, "personalausweis", "mitte"), (offer.WishId, offer.ServiceId, offer.OfficeId));
        Assert.Equal((start, start + Duration.FromMinutes(30)), (offer.Start, offer.End));
        Assert.Equal((Now, deadline), (offer.OfferedAt, offer.Deadline));
        Assert.Equal(OfferSource.AdvanceRelease, offer.Source);
        Assert.Equal([40L, 41L], offer.Slots.Select(s => s.SlotId));
        Assert.All(offer.Slots, s => Assert.Equal(offer.Id, s.OfferId));
        Assert.Null(offer.AnsweredAt);
        Assert.Null(offer.BookingId);
    }

    [Fact]
    public void Make_LeavesMarkingTheWishOfferedToTheCaller()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));

        Offer.Make(wish, Personalausweis, Run(Now + Duration.FromDays(2)), Now + Duration.FromHours(48), OfferSource.FreedPlace, Now);

        Assert.Equal(WishStatus.Waiting, wish.Status);
    }

    [Fact]
    public void Make_ForAWishWithAnOpenOffer_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));
        OfferTo(wish, Now + Duration.FromDays(2), Now);

        Assert.Throws<InvalidOperationException>(
            () => Offer.Make(wish, Personalausweis, Run(Now + Duration.FromDays(3)), Now + Duration.FromHours(48), OfferSource.FreedPlace, Now));
    }

    [Fact]
    public void Make_ForAnUnconfirmedWish_IsRefused()
    {
        var wish = Wish.Register(Definition, "Erika Mustermann", "erika@example.org", null, "de", WishChannel.Online, null, Now);

        Assert.Throws<InvalidOperationException>(
            () => Offer.Make(wish, Personalausweis, Run(Now + Duration.FromDays(2)), Now + Duration.FromHours(48), OfferSource.FreedPlace, Now));
    }

    [Fact]
    public void Make_WithoutSlots_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));

        Assert.Throws<ArgumentException>(() => Offer.Make(wish, Personalausweis, [], Now + Duration.FromHours(48), OfferSource.FreedPlace, Now));
    }

    [Fact]
    public void Make_WithADeadlineNow_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));

        Assert.Throws<ArgumentException>(() => Offer.Make(wish, Personalausweis, Run(Now + Duration.FromDays(2)), Now, OfferSource.FreedPlace, Now));
    }

    [Fact]
    public void RecordBooking_OfAnAcceptedOffer_PointsAtTheBooking()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        offer.Accept(Now);
        var booking = Booking.FromOffer(offer, wish, BookingChannel.Online, Now);

        offer.RecordBooking(booking);

        Assert.Equal(booking.Id, offer.BookingId);
    }

    [Theory]
    [InlineData(OfferStatus.Open)]
    [InlineData(OfferStatus.Declined)]
    [InlineData(OfferStatus.Lapsed)]
    public void RecordBooking_OfAnOfferNotAccepted_IsRefused(OfferStatus status)
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        var otherWish = WaitingWish(Now);
        var accepted = OfferTo(otherWish, Now + Duration.FromDays(3), Now);
        accepted.Accept(Now);
        var booking = Booking.FromOffer(accepted, otherWish, BookingChannel.Online, Now);
        if (status == OfferStatus.Declined)
        {
            offer.Decline(Now);
        }
        else if (status == OfferStatus.Lapsed)
        {
            offer.Lapse(offer.Deadline);
        }

        Assert.Throws<InvalidOperationException>(() => offer.RecordBooking(booking));
        Assert.Null(offer.BookingId);
    }

    [Fact]
    public void RecordBooking_Twice_IsRefused()
    {
        var wish = WaitingWish(Now - Duration.FromDays(3));
        var offer = OfferTo(wish, Now + Duration.FromDays(2), Now);
        offer.Accept(Now);
        var booking = Booking.FromOffer(offer, wish, BookingChannel.Online, Now);
        offer.RecordBooking(booking);

        Assert.Throws<InvalidOperationException>(() => offer.RecordBooking(booking));
    }
}
