using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Caps;
using Terminagent.Engine.Places;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Bookings;

/// <summary>
/// Holding, confirming, moving and cancelling appointments. Every change and the email that reports
/// it commit together; places in slots are taken and given back only by conditional updates, so the
/// database decides every race.
/// </summary>
public sealed class BookingService(
    TerminagentDb db, City city, Clock clock, BookingEmails emails, AvailabilityQuery availability, FreePlaceIndex index, FreedPlaces freedPlaces,
    CitizenCaps caps, AuditLog audit)
{
    /// <summary>How long after the appointment its manage link still shows it.</summary>
    public static readonly Duration ManageLinkAfterEnd = Duration.FromDays(30);

    /// <summary>
    /// Farther ahead than any schedule is planned: such a start is no time of ours, and one at the
    /// end of time would overflow when its end is reckoned.
    /// </summary>
    public static readonly Duration FarthestAhead = Duration.FromDays(3 * 366);

    private const int AlternativesShown = 5;

    public async Task<BookingResult> HoldAsync(
        string serviceId, string officeId, Instant start, string? name, string? email, string? phone, string language,
        IReadOnlyCollection<string>? alternativeOfficeIds, CancellationToken ct)
    {
        var now = clock.Now;
        var (service, office, invalid) = ServiceAndOffice(serviceId, officeId);
        if (invalid is not null)
        {
            return BookingResult.Fail(invalid.Value);
        }

        var (contact, problems) = Contact.Create(name, email, phone);
        if (contact is null)
        {
            return new BookingResult(null, BookingFailure.InvalidContact, problems);
        }

        if (start - now > FarthestAhead)
        {
            return BookingResult.Fail(BookingFailure.UnknownTime);
        }

        // A second submit of the same form finds the first hold and changes nothing. It is among the
        // person's active bookings, which the cap counts right after the places are taken; only when
        // the places are gone is it looked for apart.
        var normalised = Contact.NormaliseEmail(contact.Email);
        Expression<Func<Booking, bool>> samePerson =
            b => b.NormalisedEmail == normalised && (b.Status == BookingStatus.Confirmed || (b.Status == BookingStatus.Held && b.HoldExpiresAt > now));
        var booking = Booking.Hold(office!, service!, start, contact, Languages.Normalise(language), city.HoldDuration, now);
        return await TakePlacesAsync(
            booking, service!, office!, alternativeOfficeIds, now, new PersonKey(normalised, service!.Id), samePerson,
            async () =>
            {
                var active = (await caps.ActiveBookingsAsync(normalised, service!.Id, now, ct)).Where(b => b.Id != booking.Id).ToList();
                if (active.FirstOrDefault(b => b.OfficeId == office!.Id && b.Start == start) is { } repeated)
                {
                    return new BookingResult(repeated, AlreadyDone: true);
                }

                return caps.BookingCap(active) is { } reached
                    ? new BookingResult(null, BookingFailure.TooManyActive) { RetryAt = reached.RetryAt }
                    : null;
            },
            () =>
            {
                var (secret, token) = LinkToken.Issue(LinkPurpose.ConfirmBooking, booking.Id, now, booking.HoldExpiresAt!.Value);
                db.LinkTokens.Add(token);
                emails.HoldCreated(db, booking, secret, now);
                return null;
            },
            ct);
    }

    /// <summary>
    /// Books for a caller of the infoline: confirmed at once (the caller agreed on the phone), with
    /// the confirmation email only when they gave an address. Places are taken as for a hold.
    /// </summary>
    public async Task<BookingResult> BookForCallerAsync(
        string serviceId, string officeId, Instant start, string? name, string? email, string? phone, string language,
        IReadOnlyCollection<string>? alternativeOfficeIds, CancellationToken ct)
    {
        var now = clock.Now;
        var (service, office, invalid) = ServiceAndOffice(serviceId, officeId);
        if (invalid is not null)
        {
            return BookingResult.Fail(invalid.Value);
        }

        var (contact, problems) = Contact.ForCaller(name, email, phone, phoneRequiredWithoutEmail: false);
        if (contact is null)
        {
            return new BookingResult(null, BookingFailure.InvalidContact, problems);
        }

        if (start - now > FarthestAhead)
        {
            return BookingResult.Fail(BookingFailure.UnknownTime);
        }

        // The same form sent twice (a double click, a reload) finds the first booking.
        Expression<Func<Booking, bool>> sameCaller =
            b => b.Status == BookingStatus.Confirmed && b.Channel == BookingChannel.Infoline && b.Name == contact.Name && b.Email == contact.Email;
        var repeated = await RepeatedAsync(service!, office!, start, sameCaller, ct);
        if (repeated is not null)
        {
            return new BookingResult(repeated, AlreadyDone: true);
        }

        var booking = Booking.ForCaller(office!, service!, start, contact, Languages.Normalise(language), now);
        return await TakePlacesAsync(
            booking, service!, office!, alternativeOfficeIds, now, person: null, sameCaller, refusal: null, () =>
            {
                audit.Add(AuditActions.BookingForCaller, booking.OfficeId, $"Code: {booking.Code}\nService: {booking.ServiceId}\nStart: {booking.Start}");
                return booking.Email is null ? null : IssueConfirmation(booking, now);
            },
            ct);
    }

    /// <summary>The booking a link points to, without changing anything (opening a link never acts).</summary>
    public async Task<BookingResult> FindByLinkAsync(string? secret, LinkPurpose purpose, CancellationToken ct)
    {
        var (booking, _, failure) = await ResolveAsync(secret, purpose, ct);
        return failure is not null ? BookingResult.Fail(failure.Value) : new BookingResult(booking);
    }

    public async Task<BookingResult> ConfirmAsync(string? secret, CancellationToken ct)
    {
        var now = clock.Now;
        var (booking, _, failure) = await ResolveAsync(secret, LinkPurpose.ConfirmBooking, ct);
        if (failure is not null)
        {
            return BookingResult.Fail(failure.Value);
        }

        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        switch (booking!.Confirm(now))
        {
            case BookingOutcome.AlreadyDone:
                return new BookingResult(booking, AlreadyDone: true);
            case BookingOutcome.Gone:
                return BookingResult.Fail(booking.HoldHasLapsed(now) ? BookingFailure.LinkExpired : BookingFailure.NoLongerActive);
        }

        var manageSecret = IssueConfirmation(booking, now);
        if (!await db.TrySaveChangesAsync(ct))
        {
            return await AfterLostRaceAsync(booking.Id, ct);
        }

        await tx.CommitAsync(ct);
        return new BookingResult(booking, ManageSecret: manageSecret);
    }

    public async Task<BookingResult> CancelAsync(string? secret, CancellationToken ct)
    {
        var (booking, _, failure) = await ResolveAsync(secret, LinkPurpose.ManageBooking, ct);
        return failure is not null ? BookingResult.Fail(failure.Value) : await CancelAsync(booking!, ct);
    }

    /// <summary>
    /// Cancels a booking found through a link or by its code (tracked by this service, with its
    /// slots): its places go back, to the queue of wishes first, and the citizen is told by email.
    /// </summary>
    public async Task<BookingResult> CancelAsync(Booking booking, CancellationToken ct)
    {
        var now = clock.Now;

        // A citizen's erasure cancels all their appointments within its own one transaction.
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        var slotIds = booking.Slots.Select(s => s.SlotId).ToList();
        switch (booking.Cancel(now))
        {
            case BookingOutcome.AlreadyDone:
                return new BookingResult(booking, AlreadyDone: true);
            case BookingOutcome.TooLate:
                return BookingResult.Fail(BookingFailure.TooLate);
        }

        emails.Cancelled(db, booking, now);
        audit.Add(AuditActions.BookingCancel, booking.OfficeId, $"Code: {booking.Code}");
        if (!await db.TrySaveChangesAsync(ct))
        {
            return await AfterLostRaceAsync(booking.Id, ct);
        }

        // Only the save that moved the booking's version gives its places back, so a double click
        // can never free a place twice. A freed place goes to the queue of wishes first.
        await freedPlaces.ReturnAsync(db, slotIds, now, exceptWish: null, ct);
        await tx.CommitAsync(ct);

        return new BookingResult(booking);
    }

    public async Task<BookingResult> RescheduleAsync(string? secret, string officeId, Instant start, CancellationToken ct)
    {
        var (booking, _, failure) = await ResolveAsync(secret, LinkPurpose.ManageBooking, ct);
        return failure is not null ? BookingResult.Fail(failure.Value) : await RescheduleAsync(booking!, officeId, start, ct);
    }

    /// <summary>
    /// Moves a confirmed booking found through a link or by its code (tracked by this service, with
    /// its slots): the places are swapped in one transaction, and the freed ones go to the queue first.
    /// </summary>
    public async Task<BookingResult> RescheduleAsync(Booking booking, string officeId, Instant start, CancellationToken ct)
    {
        var now = clock.Now;
        if (booking.Status != BookingStatus.Confirmed)
        {
            return BookingResult.Fail(BookingFailure.NoLongerActive);
        }

        if (now >= booking.Start)
        {
            return BookingResult.Fail(BookingFailure.TooLate);
        }

        var service = city.FindService(booking.ServiceId)!;
        if (city.FindOffice(officeId) is not { } office)
        {
            return BookingResult.Fail(BookingFailure.UnknownOffice);
        }

        if (!service.OfficeIds.Contains(office.Id))
        {
            return BookingResult.Fail(BookingFailure.ServiceNotOfferedThere);
        }

        if (office.Id == booking.OfficeId && start == booking.Start)
        {
            return new BookingResult(booking, AlreadyDone: true);
        }

        var (slotIds, runFailure) = await FindRunAsync(service, office, start, now, ct);
        if (runFailure is not null)
        {
            return runFailure == BookingFailure.Taken
                ? await TakenAsync(service, office, service.OfficeIds, start, now, ct)
                : BookingResult.Fail(runFailure.Value);
        }

        var oldSlotIds = booking.Slots.Select(s => s.SlotId).ToList();
        var freed = oldSlotIds.Except(slotIds!).ToList();
        var added = slotIds!.Except(oldSlotIds).ToList();

        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        await ExpireLapsedHoldsAsync(added, now, ct);
        audit.Add(AuditActions.BookingMove, office.Id, $"Code: {booking.Code}\nStart: {booking.OfficeId} {booking.Start} → {office.Id} {start}");
        booking.MoveTo(office.Id, start, start + service.Duration, slotIds!, now);

        // Links from earlier emails keep working and now show the new time.
        var earlierLinks = await db.LinkTokens.Where(t => t.SubjectId == booking.Id && t.Purpose == LinkPurpose.ManageBooking).ToListAsync(ct);
        earlierLinks.ForEach(t => t.ExpireAt(booking.End + ManageLinkAfterEnd));
        var (manageSecret, manageToken) = LinkToken.Issue(LinkPurpose.ManageBooking, booking.Id, now, booking.End + ManageLinkAfterEnd);
        db.LinkTokens.Add(manageToken);
        emails.Confirmed(db, booking, manageSecret, now, rescheduled: true);
        if (!await db.TrySaveChangesAsync(ct))
        {
            await tx.RollBackAsync(ct);
            return await AfterLostRaceAsync(booking.Id, ct);
        }

        // Give the old places back before taking the new ones, so a move within overlapping slots
        // does not compete with itself; a failed take rolls both back.
        await SlotCapacity.GiveBackAsync(db, freed, ct);
        if (!await SlotCapacity.TryTakeAsync(db, added, now, ct))
        {
            await tx.RollBackAsync(ct);
            db.ChangeTracker.Clear();
            return await TakenAsync(service, office, service.OfficeIds, start, now, ct);
        }

        await freedPlaces.HandOnAsync(db, new PlacesToHandOn(freed, now, OfferSource.FreedPlace), ct);
        await tx.CommitAsync(ct);
        return new BookingResult(booking, ManageSecret: manageSecret);
    }

    /// <summary>Gives back the places of holds that ran out unconfirmed, optionally only in some slots.</summary>
    public async Task<int> ExpireLapsedHoldsAsync(IReadOnlyCollection<long>? inSlots, Instant now, CancellationToken ct)
    {
        var query = db.Bookings.Include(b => b.Slots).Where(b => b.Status == BookingStatus.Held && b.HoldExpiresAt <= now);
        if (inSlots is not null)
        {
            query = query.Where(b => b.Slots.Any(s => inSlots.Contains(s.SlotId)));
        }

        var expired = 0;
        foreach (var booking in await query.ToListAsync(ct))
        {
            // One booking at a time, its status and its places together: if another instance
            // expired it first, the version check stops us before anything is given back twice.
            var tx = await db.OpenOrJoinTransactionAsync(ct);
            await using (tx)
            {
                booking.Expire(now);
                if (!await db.TrySaveChangesAsync(ct))
                {
                    db.Entry(booking).State = EntityState.Detached;
                    continue;
                }

                // The confirm link stays (retention deletes it with the booking's data), so a late
                // click hears "expired" rather than "this link is broken".
                await SlotCapacity.GiveBackAsync(db, booking.Slots.Select(s => s.SlotId).ToList(), ct);
                await tx.CommitAsync(ct);

                expired++;
            }
        }

        return expired;
    }

    /// <summary>The booking with this code (exactly as issued, e.g. "K7M4-P2QX"), with its slots, to act on; null when there is none.</summary>
    public Task<Booking?> FindByCodeAsync(string code, CancellationToken ct) =>
        db.Bookings.Include(b => b.Slots).FirstOrDefaultAsync(b => b.Code == code, ct);

    private (Service? Service, Office? Office, BookingFailure? Failure) ServiceAndOffice(string serviceId, string officeId)
    {
        if (city.FindService(serviceId) is not { } service)
        {
            return (null, null, BookingFailure.UnknownService);
        }

        if (city.FindOffice(officeId) is not { } office)
        {
            return (null, null, BookingFailure.UnknownOffice);
        }

        return service.OfficeIds.Contains(office.Id) ? (service, office, null) : (null, null, BookingFailure.ServiceNotOfferedThere);
    }

    private Task<Booking?> RepeatedAsync(
        Service service, Office office, Instant start, Expression<Func<Booking, bool>> samePerson, CancellationToken ct) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.ServiceId == service.Id && b.OfficeId == office.Id && b.Start == start)
            .Where(samePerson)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Takes the places a new booking needs, in one transaction with the booking itself and what
    /// <paramref name="announce"/> adds (links, emails; it returns a manage secret, if any). When
    /// the places are gone first, the nearest free times come back instead, or the same person's
    /// booking of that time (<paramref name="samePerson"/>) when it was theirs. <paramref name="refusal"/>
    /// runs right after the places are taken, with <paramref name="person"/>'s lock held and the new
    /// booking already written, and may refuse it (a repeat, a cap). A successful hold on PostgreSQL:
    /// the inserts in one batch, the take (with the lock), the refusal's count, the commit.
    /// </summary>
    private async Task<BookingResult> TakePlacesAsync(
        Booking booking, Service service, Office office, IReadOnlyCollection<string>? alternativeOfficeIds, Instant now,
        PersonKey? person, Expression<Func<Booking, bool>> samePerson, Func<Task<BookingResult?>>? refusal, Func<string?> announce,
        CancellationToken ct)
    {
        var (slotIds, indexed, failure) = await FindIndexedRunAsync(service, office, booking.Start, now, ct);
        if (failure is not null)
        {
            return BookingResult.Fail(failure.Value);
        }

        // At a last place, hundreds ask at once: once the index has heard that it is gone, the rest
        // hear so from memory. (It may be a moment behind: then the database refuses them instead.)
        if (indexed is not null && indexed.Any(s => Bookability.FreePlaces(s.Slot, Taker.Citizen, now, s.LapsedHolds(now)) == 0))
        {
            return await GoneAsync();
        }

        var mayHaveLapsedHolds = indexed is null || indexed.Any(s => s.LapsedHolds(now) > 0);
        booking.OccupySlots(slotIds!);
        var codeDraws = 1;
        for (var attempt = 1; ; attempt++)
        {
            // The rows first, the places last: a slot's row is locked from the update that takes its
            // place until the commit, and the fewer round trips in between, the sooner the next
            // citizen gets it (or hears it is gone).
            await using (var tx = await db.OpenOrJoinTransactionAsync(ct))
            {
                db.Bookings.Add(booking);
                var manageSecret = announce();
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException gone) when (TerminagentDb.IsMissingReference(gone))
                {
                    // A schedule change removed the slot since the index showed it.
                    await tx.RollBackAsync(ct);
                    db.ChangeTracker.Clear();
                    return await TakenAsync(service, office, alternativeOfficeIds, booking.Start, now, ct);
                }
                catch (DbUpdateException issued) when (TerminagentDb.IsDuplicateBookingCode(issued) && tx.OwnsTransaction && codeDraws < BookingCode.MaxDraws)
                {
                    // The code was drawn before: the same attempt again with another (and its emails anew).
                    await tx.RollBackAsync(ct);
                    db.ChangeTracker.Clear();
                    booking.DrawNewCode();
                    codeDraws++;
                    attempt--;
                    continue;
                }

                if (await SlotCapacity.TryTakeAsync(db, slotIds!, now, ct, person))
                {
                    if (refusal is not null && await refusal() is { } refused)
                    {
                        await tx.RollBackAsync(ct);
                        db.ChangeTracker.Clear();
                        return refused;
                    }

                    await tx.CommitAsync(ct);
                    return new BookingResult(booking, ManageSecret: manageSecret);
                }

                await tx.RollBackAsync(ct);
                db.ChangeTracker.Clear();
            }

            // No sweep of lapsed holds on the way in: only when the places are gone are the holds
            // in these slots that ran out given back, and the places tried once more.
            if (attempt > 1 || !mayHaveLapsedHolds || await ExpireLapsedHoldsAsync(slotIds!, now, ct) == 0)
            {
                break;
            }
        }

        return await GoneAsync();

        // The places are gone: to this person's own booking of that time (a second click), or to someone else.
        async Task<BookingResult> GoneAsync() =>
            await RepeatedAsync(service, office, booking.Start, samePerson, ct) is { } repeated
                ? new BookingResult(repeated, AlreadyDone: true)
                : await TakenAsync(service, office, alternativeOfficeIds, booking.Start, now, ct);
    }

    /// <summary>Issues the manage link of a confirmed booking and writes the confirmation email with it; returns the link's secret.</summary>
    private string IssueConfirmation(Booking booking, Instant now)
    {
        var (manageSecret, manageToken) = LinkToken.Issue(LinkPurpose.ManageBooking, booking.Id, now, booking.End + ManageLinkAfterEnd);
        db.LinkTokens.Add(manageToken);
        emails.Confirmed(db, booking, manageSecret, now);
        return manageSecret;
    }

    private async Task<(IReadOnlyList<long>? SlotIds, BookingFailure? Failure)> FindRunAsync(
        Service service, Office office, Instant start, Instant now, CancellationToken ct)
    {
        var (slotIds, _, failure) = await FindIndexedRunAsync(service, office, start, now, ct);
        return (slotIds, failure);
    }

    /// <summary>The run's slot ids, and the run as the index knows it (null when it came from the database).</summary>
    private async Task<(IReadOnlyList<long>? SlotIds, IReadOnlyList<IndexedSlot>? Indexed, BookingFailure? Failure)> FindIndexedRunAsync(
        Service service, Office office, Instant start, Instant now, CancellationToken ct)
    {
        if (start <= now)
        {
            return (null, null, BookingFailure.InPast);
        }

        if (start - now > FarthestAhead)
        {
            return (null, null, BookingFailure.UnknownTime);
        }

        var needed = city.SlotsNeeded(service);

        // The run as the index knows it (the conditional update checks it again); the database only
        // when the index does not know it, to say why.
        await index.ReadyAsync(ct);
        var indexed = index.RunAt(office.Id, start.InZone(office.Zone).Date, start, needed);
        var run = indexed?.Select(s => s.Slot).ToList() ?? await SlotRunAsync(office, start, needed, ct);
        var contiguous = run.Count == needed && run[0].Start == start
            && run.Zip(run.Skip(1)).All(p => p.First.End == p.Second.Start && p.First.Date == p.Second.Date);
        if (!contiguous || run.Any(s => Bookability.OpeningFor(s, Taker.Citizen, now) == Opening.Withdrawn))
        {
            return (null, null, BookingFailure.UnknownTime);
        }

        if (run.Any(s => Bookability.OpeningFor(s, Taker.Citizen, now) == Opening.NotYetReleased))
        {
            return (null, null, BookingFailure.NotYetReleased);
        }

        return (run.Select(s => s.Id).ToList(), indexed, null);
    }

    private Task<List<Slot>> SlotRunAsync(Office office, Instant start, int needed, CancellationToken ct)
    {
        var end = start + (city.SlotLength * needed);
        return db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == office.Id && s.Start >= start && s.Start < end)
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
    }

    private async Task<BookingResult> TakenAsync(
        Service service, Office office, IReadOnlyCollection<string>? officeIds, Instant wanted, Instant now, CancellationToken ct)
    {
        var offices = officeIds is { Count: > 0 } ? officeIds.Where(service.OfficeIds.Contains).Append(office.Id).Distinct().ToList() : [office.Id];
        var alternatives = await availability.NearestAsync(service, offices, wanted, now, AlternativesShown, ct);
        return new BookingResult(null, BookingFailure.Taken, Alternatives: alternatives);
    }

    private async Task<(Booking? Booking, LinkToken? Token, BookingFailure? Failure)> ResolveAsync(
        string? secret, LinkPurpose purpose, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(secret))
        {
            return (null, null, BookingFailure.LinkInvalid);
        }

        var hash = LinkToken.HashOf(secret!);
        var token = await db.LinkTokens.FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, ct);
        if (token is null)
        {
            return (null, null, BookingFailure.LinkInvalid);
        }

        var booking = await db.Bookings.Include(b => b.Slots).FirstOrDefaultAsync(b => b.Id == token.SubjectId, ct);
        if (booking is null)
        {
            return (null, null, BookingFailure.LinkInvalid);
        }

        if (token.ExpiresAt <= clock.Now && !(purpose == LinkPurpose.ConfirmBooking && booking.Status == BookingStatus.Confirmed))
        {
            return (booking, token, BookingFailure.LinkExpired);
        }

        return (booking, token, null);
    }

    /// <summary>Another request changed the booking first: report what it is now.</summary>
    private async Task<BookingResult> AfterLostRaceAsync(Guid bookingId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await db.Bookings.AsNoTracking().Include(b => b.Slots).FirstAsync(b => b.Id == bookingId, ct);
        return new BookingResult(current, AlreadyDone: true);
    }
}
