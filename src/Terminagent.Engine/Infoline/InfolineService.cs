using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Infoline;

/// <summary>Why a booking found for a caller cannot be moved or cancelled.</summary>
public enum ChangeRefusal
{
    Cancelled,

    /// <summary>Held online, waiting for the citizen to confirm it by email.</summary>
    NotConfirmed,

    /// <summary>Held online and never confirmed: it is not booked.</summary>
    Expired,
    NoShow,
    InPast,
}

/// <summary>How the caller answered an offer the infoline phoned out.</summary>
public enum CallerAnswer
{
    Accepted,
    DeclinedKeepWish,
    DeclinedWithdrawWish,
}

/// <summary>An open offer to phone out: to a caller who left a wish without email.</summary>
public sealed record CallOut(
    Guid OfferId, string CallerName, string? Phone, string ServiceId, string OfficeId, Instant Start, Instant Deadline);

/// <summary>
/// What recording a caller's answer did. <see cref="Changed"/> is false when the offer had been
/// answered or had lapsed meanwhile: then nothing changed, and <see cref="Offer"/> shows how it stands.
/// </summary>
public sealed record AnswerResult(bool Changed, Offer? Offer, AgentFailure? Failure, Booking? Booking);

/// <summary>
/// The infoline's own steps around the shared booking and agent services: finding a caller's
/// booking by code and name, the list of offers to phone out, and recording what callers answered.
/// Every change itself is made by <see cref="BookingService"/> and <see cref="OfferService"/>.
/// </summary>
public sealed class InfolineService(TerminagentDb db, BookingService bookings, OfferService offers, Clock clock)
{
    public const int MaxCallOuts = 200;

    /// <summary>
    /// The booking with this code whose holder has this name (any case, any spacing), ready to act
    /// on; null when either does not match, so a caller learns nothing about someone else's booking.
    /// </summary>
    public async Task<Booking?> FindBookingAsync(string? code, string? name, CancellationToken ct)
    {
        var wanted = Contact.NormaliseName(name);
        if (BookingCode.Normalise(code) is not { } normalised || wanted.Length == 0 || wanted.Length > Contact.MaxNameLength)
        {
            return null;
        }

        var booking = await bookings.FindByCodeAsync(normalised, ct);
        return booking is not null && booking.AnonymisedAt is null
            && string.Equals(Contact.NormaliseName(booking.Name), wanted, StringComparison.OrdinalIgnoreCase)
            ? booking
            : null;
    }

    /// <summary>Why the booking cannot be moved or cancelled any more; null when it can.</summary>
    public ChangeRefusal? RefusalFor(Booking booking) => booking.Status switch
    {
        BookingStatus.NoShow => ChangeRefusal.NoShow,
        BookingStatus.Cancelled => ChangeRefusal.Cancelled,
        BookingStatus.Held => ChangeRefusal.NotConfirmed,
        BookingStatus.Expired => ChangeRefusal.Expired,
        _ when clock.Now >= booking.Start => ChangeRefusal.InPast,
        _ => null,
    };

    /// <summary>Every open offer to a wish without email, the soonest deadline first; a lapsed one has left the list.</summary>
    public async Task<IReadOnlyList<CallOut>> CallOutsAsync(CancellationToken ct)
    {
        var now = clock.Now;
        return await (
                from offer in db.Offers.AsNoTracking()
                join wish in db.Wishes.AsNoTracking() on offer.WishId equals wish.Id
                where offer.Status == OfferStatus.Open && offer.Deadline > now && wish.Email == null
                orderby offer.Deadline, offer.Id
                select new CallOut(offer.Id, wish.Name, wish.Phone, offer.ServiceId, offer.OfficeId, offer.Start, offer.Deadline))
            .Take(MaxCallOuts)
            .ToListAsync(ct);
    }

    /// <summary>Records a caller's answer to an offer exactly as the offer page does for an answer by link.</summary>
    public async Task<AnswerResult> AnswerAsync(Guid offerId, CallerAnswer answer, CancellationToken ct)
    {
        var (offer, wish) = await offers.FindAsync(offerId, ct);
        if (offer is null)
        {
            return new AnswerResult(false, null, AgentFailure.OfferClosed, null);
        }

        var result = answer switch
        {
            CallerAnswer.Accepted => await offers.AcceptAsync(offer, wish!, BookingChannel.Infoline, ct),
            _ => await offers.DeclineAsync(offer, wish!, keepWish: answer == CallerAnswer.DeclinedKeepWish, ct),
        };
        if (result.Failure is { } failure)
        {
            return new AnswerResult(false, result.Offer, failure, null);
        }

        if (result.AlreadyDone)
        {
            // Answered by someone else, or this answer was sent twice: it stands as it is.
            return new AnswerResult(false, result.Offer, null, await BookingOfAsync(result.Offer!, ct));
        }

        return new AnswerResult(true, result.Offer, null, result.Booking);
    }

    private async Task<Booking?> BookingOfAsync(Offer offer, CancellationToken ct) =>
        offer.BookingId is { } id ? await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) : null;
}
