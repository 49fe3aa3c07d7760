using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Privacy;

/// <summary>What an erasure did; all zero when it had been done already.</summary>
public sealed record ErasureResult(
    int AppointmentsCancelled, int WishesWithdrawn, int OffersDeclined, int BookingsAnonymised, int WishesAnonymised, int EmailsDeleted, int LinksDeleted);

/// <summary>
/// A citizen's request to erase their data (Art. 17 GDPR), in one transaction: their wishes are
/// withdrawn and open offers declined, their coming appointments cancelled, all through the same
/// services a click on their own buttons uses (so freed places go to the queue of wishes first and
/// every invariant holds), then every record of the address is anonymised as retention would do,
/// and its emails (sent or queued) and links are deleted. Nothing is emailed afterwards: no address
/// is left to write to, and the page confirms it instead.
/// </summary>
public sealed partial class CitizenErasure(
    TerminagentDb db, CitizenData data, BookingService bookings, WishService wishes, OfferService offers, Clock clock, ILogger<CitizenErasure> logger)
{
    private const int MaxAttempts = 3;

    public async Task<ErasureResult> EraseAsync(DataSubject subject, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.OpenOrJoinTransactionAsync(ct);
            var result = await TryEraseAsync(subject, ct);
            if (result is not null)
            {
                await tx.CommitAsync(ct);
                LogErased(logger, result.AppointmentsCancelled, result.WishesWithdrawn, result.OffersDeclined, result.BookingsAnonymised, result.WishesAnonymised);
                return result;
            }

            // Another request changed one of the records meanwhile (the agent made an offer, the
            // citizen clicked elsewhere): start again from what the database holds now.
            await tx.RollBackAsync(ct);
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException("The erasure kept losing races against other changes of the same records.");
            }
        }
    }

    /// <summary>The erasure inside the caller's transaction; null when a record was changed by someone else first.</summary>
    private async Task<ErasureResult?> TryEraseAsync(DataSubject subject, CancellationToken ct)
    {
        var now = clock.Now;
        var records = await data.RecordsOfAsync(subject, ct);

        // Waiting wishes first, so no place freed below is offered to another wish of the same person.
        var withdrawn = 0;
        foreach (var id in records.WishIds)
        {
            db.ChangeTracker.Clear();
            var wish = await db.Wishes.Include(w => w.Targets).SingleAsync(w => w.Id == id, ct);
            if (wish.Status == WishStatus.Unconfirmed)
            {
                // Never in the queue: nothing is held for it, and its confirmation link goes below.
                wish.End(WishStatus.Withdrawn, now);
                if (await db.TrySaveChangesAsync(ct))
                {
                    withdrawn++;
                }
            }
            else if (wish.Status == WishStatus.Waiting && (await wishes.WithdrawAsync(wish, ct)).Succeeded)
            {
                withdrawn++;
            }
        }

        var declined = 0;
        foreach (var id in records.OfferIds)
        {
            db.ChangeTracker.Clear();
            var (offer, wish) = await offers.FindAsync(id, ct);

            // An offer past its deadline is the lapse worker's: it ends the wish and passes the place on.
            if (offer is { Status: OfferStatus.Open } && offer.Deadline > now
                && (await offers.DeclineAsync(offer, wish!, keepWish: false, ct)) is { Succeeded: true, AlreadyDone: false })
            {
                withdrawn++;
                declined++;
            }
        }

        var cancelled = 0;
        foreach (var id in records.BookingIds)
        {
            db.ChangeTracker.Clear();
            var booking = await db.Bookings.Include(b => b.Slots).SingleAsync(b => b.Id == id, ct);
            if (booking.Status is BookingStatus.Held or BookingStatus.Confirmed && booking.Start > now
                && (await bookings.CancelAsync(booking, ct)) is { Succeeded: true, AlreadyDone: false })
            {
                cancelled++;
            }
        }

        db.ChangeTracker.Clear();
        if (await StillActiveAsync(records, now, ct))
        {
            return null;
        }

        var bookingsAnonymised = await PersonalData.AnonymiseAsync(db.Bookings.Where(b => records.BookingIds.Contains(b.Id)), now, ct);
        var wishesAnonymised = await PersonalData.AnonymiseAsync(db.Wishes.Where(w => records.WishIds.Contains(w.Id)), now, ct);

        // Also the cancellation emails just written above: nothing is sent to this address any more.
        var emails = await data.EmailsTo(subject).ExecuteDeleteAsync(ct);
        var subjects = records.BookingIds.Concat(records.WishIds).Concat(records.OfferIds).ToList();
        var links = await PersonalData.DeleteLinksOfAsync(db, subjects, ct);
        return new ErasureResult(cancelled, withdrawn, declined, bookingsAnonymised, wishesAnonymised, emails, links);
    }

    private async Task<bool> StillActiveAsync(SubjectRecords records, NodaTime.Instant now, CancellationToken ct) =>
        await db.Wishes.AnyAsync(w => records.WishIds.Contains(w.Id) && (w.Status == WishStatus.Unconfirmed || w.Status == WishStatus.Waiting), ct)
        || await db.Offers.AnyAsync(o => records.OfferIds.Contains(o.Id) && o.Status == OfferStatus.Open && o.Deadline > now, ct)
        || await db.Bookings.AnyAsync(b => records.BookingIds.Contains(b.Id) && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed) && b.Start > now, ct);

    // Counts only: the log must not keep what was just erased.
    [LoggerMessage(Level = LogLevel.Information, Message = "A citizen's data was erased: {Cancelled} appointments cancelled, {Withdrawn} wishes withdrawn, {Declined} offers declined, {Bookings} bookings and {Wishes} wishes anonymised")]
    private static partial void LogErased(ILogger logger, int cancelled, int withdrawn, int declined, int bookings, int wishes);
}
