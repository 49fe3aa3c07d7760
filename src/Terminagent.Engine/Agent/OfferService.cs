using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Caps;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Places;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Agent;

/// <summary>
/// Answers to offers: accept turns the held places into a booking; decline and lapse give them
/// back and let the agent offer them to the next wish in line, all in one transaction. The
/// offer's version makes every offer end exactly once, however many clicks or instances race.
/// </summary>
public sealed class OfferService(TerminagentDb db, Clock clock, CityCatalog catalog, FreedPlaces freedPlaces, AgentEmails emails, BookingEmails bookingEmails, CitizenCaps caps, AuditLog audit)
{
    private static readonly Duration ManageLinkAfterEnd = Duration.FromDays(30);

    public async Task<OfferResult> FindByLinkAsync(string? secret, CancellationToken ct)
    {
        var (offer, wish, failure) = await ResolveAsync(secret, ct);
        return failure is not null ? OfferResult.Fail(failure.Value) : new OfferResult(offer, wish);
    }

    public async Task<OfferResult> AcceptAsync(string? secret, CancellationToken ct)
    {
        var (offer, wish, failure) = await ResolveAsync(secret, ct);
        return failure is not null ? OfferResult.Fail(failure.Value) : await AcceptAsync(offer!, wish!, BookingChannel.Online, ct);
    }

    /// <summary>
    /// Turns an open offer (tracked by this service, with its slots and its wish) into a confirmed
    /// booking; the confirmation email goes out when the wish has an address.
    /// </summary>
    public Task<OfferResult> AcceptAsync(Offer offer, Wish wish, BookingChannel channel, CancellationToken ct) =>
        AcceptAsync(offer, wish, channel, codeDraws: 1, ct);

    private async Task<OfferResult> AcceptAsync(Offer offer, Wish wish, BookingChannel channel, int codeDraws, CancellationToken ct)
    {
        var now = clock.Now;
        if (Refusal(offer.Accept(now), offer, wish) is { } refused)
        {
            return refused;
        }

        await using var tx = await db.OpenOrJoinTransactionAsync(ct);

        // Online the cap per person holds here too; staff accepting for a caller decide themselves.
        if (channel == BookingChannel.Online && !string.IsNullOrEmpty(wish.NormalisedEmail)
            && await caps.CheckBookingsAsync(wish.NormalisedEmail, offer.ServiceId, now, ct) is { } reached)
        {
            // The offer as it is stored (still open), not as Accept left it in memory.
            await tx.RollBackAsync(ct);
            db.ChangeTracker.Clear();
            var (stored, storedWish) = await FindAsync(offer.Id, ct);
            return new OfferResult(stored, storedWish, AgentFailure.TooManyBookings) { RetryAt = reached.RetryAt };
        }

        // The offer's places pass to the booking as they are: Taken does not change.
        var booking = Booking.FromOffer(offer, wish, channel, now);
        db.Bookings.Add(booking);
        offer.RecordBooking(booking);
        wish.End(WishStatus.Fulfilled, now);
        var (manageSecret, manageToken) = LinkToken.Issue(LinkPurpose.ManageBooking, booking.Id, now, booking.End + ManageLinkAfterEnd);
        db.LinkTokens.Add(manageToken);
        bookingEmails.Confirmed(db, booking, manageSecret, now);
        audit.Add(AuditActions.OfferAccept, offer.OfficeId, $"Offer: {offer.Id}\nCode: {booking.Code}");
        bool saved;
        try
        {
            saved = await db.TrySaveChangesAsync(ct);
        }
        catch (DbUpdateException issued) when (TerminagentDb.IsDuplicateBookingCode(issued) && tx.OwnsTransaction && codeDraws < BookingCode.MaxDraws)
        {
            // The booking's code was drawn before: the whole accept again, from the stored offer, with another.
            await tx.RollBackAsync(ct);
            db.ChangeTracker.Clear();
            var (stored, storedWish) = await FindAsync(offer.Id, ct);
            return stored is null ? OfferResult.Fail(AgentFailure.OfferClosed) : await AcceptAsync(stored, storedWish!, channel, codeDraws + 1, ct);
        }

        if (!saved)
        {
            return await AfterLostRaceAsync(offer.Id, ct);
        }

        await tx.CommitAsync(ct);
        return new OfferResult(offer, wish, ManageSecret: manageSecret) { Booking = booking };
    }

    public async Task<OfferResult> DeclineAsync(string? secret, bool keepWish, CancellationToken ct)
    {
        var (offer, wish, failure) = await ResolveAsync(secret, ct);
        return failure is not null ? OfferResult.Fail(failure.Value) : await DeclineAsync(offer!, wish!, keepWish, ct);
    }

    /// <summary>
    /// Declines an open offer (tracked by this service, with its slots and its wish): the wish
    /// waits on at its old place or is withdrawn, and the places go to the next wish in line.
    /// </summary>
    public async Task<OfferResult> DeclineAsync(Offer offer, Wish wish, bool keepWish, CancellationToken ct)
    {
        var now = clock.Now;
        if (Refusal(offer.Decline(now), offer, wish) is { } refused)
        {
            return refused;
        }

        // A citizen's erasure declines their offers within its own one transaction.
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        if (keepWish)
        {
            // Read apart from its offer, the wish may have moved on already (an accept won in
            // between): then it stays as it is, and the offer's version check below refuses this decline.
            if (wish.Status == WishStatus.Offered)
            {
                wish.ResumeWaiting();
            }
        }
        else
        {
            wish.End(WishStatus.Withdrawn, now);
        }

        audit.Add(AuditActions.OfferDecline, offer.OfficeId, $"Offer: {offer.Id}\nWish: {(keepWish ? "kept" : "withdrawn")}");
        if (!await db.TrySaveChangesAsync(ct))
        {
            return await AfterLostRaceAsync(offer.Id, ct);
        }

        await ReturnPlacesAsync(offer, wish.Id, now, ct);
        await tx.CommitAsync(ct);

        return new OfferResult(offer, wish);
    }

    /// <summary>An offer and its wish by the offer's id, to answer for a caller; nulls when there is no such offer.</summary>
    public async Task<(Offer? Offer, Wish? Wish)> FindAsync(Guid offerId, CancellationToken ct)
    {
        var offer = await db.Offers.Include(o => o.Slots).FirstOrDefaultAsync(o => o.Id == offerId, ct);
        var wish = offer is null ? null : await db.Wishes.Include(w => w.Targets).FirstOrDefaultAsync(w => w.Id == offer.WishId, ct);
        return offer is null || wish is null ? (null, null) : (offer, wish);
    }

    /// <summary>
    /// Ends offers whose deadline has passed: the wish ends (or, under a rule that forgives a short
    /// deadline, waits again at its place), the citizen is told, the place moves on.
    /// </summary>
    public async Task<int> LapseDueOffersAsync(Instant now, CancellationToken ct)
    {
        var due = await db.Offers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Open && o.Deadline <= now)
            .OrderBy(o => o.Deadline)
            .Select(o => o.Id)
            .Take(200)
            .ToListAsync(ct);
        var lapsed = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.OpenOrJoinTransactionAsync(ct);
            var offer = await db.Offers.Include(o => o.Slots).SingleAsync(o => o.Id == id, ct);
            if (offer.Lapse(now) != OfferOutcome.Done)
            {
                continue;
            }

            var wish = await db.Wishes.Include(w => w.Targets).SingleAsync(w => w.Id == offer.WishId, ct);
            if (catalog.Current.FindOffice(offer.OfficeId)?.Agent is { } policy
                && policy.ForgivesLapse(offer.OfferedAt, offer.Deadline)
                && policy.KeepsWishAfterLapse(offer.OfferedAt, offer.Deadline, await EarlierLapsesAsync(offer, ct)))
            {
                wish.ResumeWaiting();
            }
            else
            {
                wish.End(WishStatus.Lapsed, now);
            }

            emails.OfferLapsed(db, wish, offer, now);
            if (!await db.TrySaveChangesAsync(ct))
            {
                continue;
            }

            await ReturnPlacesAsync(offer, wish.Id, now, ct);
            await tx.CommitAsync(ct);
            lapsed++;
        }

        return lapsed;
    }

    private Task<int> EarlierLapsesAsync(Offer offer, CancellationToken ct) =>
        db.Offers.CountAsync(o => o.WishId == offer.WishId && o.Status == OfferStatus.Lapsed && o.Id != offer.Id, ct);

    /// <summary>What to answer when the offer cannot take this answer; null when it can.</summary>
    private static OfferResult? Refusal(OfferOutcome outcome, Offer offer, Wish wish) => outcome switch
    {
        OfferOutcome.AlreadyAnswered => new OfferResult(offer, wish, AlreadyDone: true),
        OfferOutcome.Closed => new OfferResult(offer, wish, AgentFailure.OfferClosed),
        OfferOutcome.Expired => new OfferResult(offer, wish, AgentFailure.OfferExpired),
        _ => null,
    };

    private async Task ReturnPlacesAsync(Offer offer, Guid wishId, Instant now, CancellationToken ct)
    {
        await freedPlaces.ReturnAsync(db, offer.Slots.Select(s => s.SlotId).ToList(), now, exceptWish: wishId, ct);
    }

    private async Task<(Offer? Offer, Wish? Wish, AgentFailure? Failure)> ResolveAsync(string? secret, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(secret))
        {
            return (null, null, AgentFailure.LinkInvalid);
        }

        var hash = LinkToken.HashOf(secret!);
        var token = await db.LinkTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == LinkPurpose.AnswerOffer, ct);
        if (token is null)
        {
            return (null, null, AgentFailure.LinkInvalid);
        }

        var (offer, wish) = await FindAsync(token.SubjectId, ct);
        return offer is null ? (null, null, AgentFailure.LinkInvalid) : (offer, wish, null);
    }

    private async Task<OfferResult> AfterLostRaceAsync(Guid offerId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var offer = await db.Offers.AsNoTracking().Include(o => o.Slots).SingleAsync(o => o.Id == offerId, ct);
        var wish = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync(w => w.Id == offer.WishId, ct);
        return new OfferResult(offer, wish, AlreadyDone: true);
    }
}
