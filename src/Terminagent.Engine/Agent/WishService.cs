using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Caps;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Agent;

/// <summary>Where an active wish stands: wishes ahead of it, and the wait from now as a range.</summary>
public sealed record QueuePlace(int Ahead, WaitEstimate? Wait)
{
    /// <summary>The point estimate in whole days, as the API gave it before the range.</summary>
    public int? ExpectedDays => Wait is { } w ? (int)Math.Ceiling(w.PointDays) : null;
}

/// <summary>Registering, confirming, changing and withdrawing wishes, and where each stands in the queue.</summary>
public sealed class WishService(TerminagentDb db, City city, Clock clock, AgentEmails emails, CitizenCaps caps, AuditLog audit, WaitEstimates waits)
{
    /// <summary>As many time ranges as the wish page offers rows (README: "up to three time windows").</summary>
    public const int MaxWindows = 3;

    private static readonly Duration ConfirmLinkLifetime = Duration.FromDays(2);
    private static readonly Duration ManageLinkLifetime = Duration.FromDays(400);

    public (WishDefinition? Definition, AgentFailure? Failure) Check(WishRequest request, Instant now)
    {
        if (request.ServiceId is null || city.FindService(request.ServiceId) is not { } service)
        {
            return (null, AgentFailure.UnknownService);
        }

        var offices = (request.OfficeIds ?? []).Distinct().ToList();
        if (offices.Count == 0)
        {
            return (null, AgentFailure.NoOffice);
        }

        if (offices.Any(o => !service.OfficeIds.Contains(o)))
        {
            return (null, AgentFailure.UnknownOffice);
        }

        var days = (request.Weekdays ?? []).Distinct().Where(d => d != IsoDayOfWeek.None).Order().ToList();
        if (days.Count == 0)
        {
            return (null, AgentFailure.NoWeekday);
        }

        var windows = (request.Windows ?? []).Distinct().ToList();
        if (windows.Count == 0)
        {
            return (null, AgentFailure.NoTimeWindow);
        }

        if (windows.Count > MaxWindows || windows.Any(w => w.To <= w.From || Period.Between(w.From, w.To, PeriodUnits.Minutes).Minutes < service.Duration.TotalMinutes))
        {
            return (null, AgentFailure.InvalidTimeWindow);
        }

        var today = now.InZone(city.Offices[0].Zone).Date;
        if (request.Latest is { } latest && (latest < today || (request.Earliest is { } e && e > latest) || latest > today.PlusYears(1)))
        {
            return (null, AgentFailure.InvalidDateRange);
        }

        if (request.Earliest is { } earliest && earliest > today.PlusYears(1))
        {
            return (null, AgentFailure.InvalidDateRange);
        }

        return (new WishDefinition(service.Id, offices, days, windows.OrderBy(w => w.From).ToList(), request.Earliest, request.Latest), null);
    }

    /// <summary>
    /// Registers a wish, to join the queue once confirmed. A person who already has a wish for
    /// the service gets a pending change instead: confirmed, it updates the first wish, which
    /// keeps its place. Nothing changes before the citizen confirms from their own mailbox.
    /// </summary>
    public async Task<WishResult> RegisterAsync(WishRequest request, string? name, string? email, string? phone, string language, CancellationToken ct)
    {
        var now = clock.Now;
        var (definition, failure) = Check(request, now);
        if (failure is not null)
        {
            return WishResult.Fail(failure.Value);
        }

        var (contact, problems) = Contact.Create(name, email, phone);
        if (contact is null)
        {
            return new WishResult(null, AgentFailure.InvalidContact, problems);
        }

        var normalised = Contact.NormaliseEmail(contact.Email);
        var estimate = await waits.EstimateAsync(definition!, ct);
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        if (await caps.CheckPendingWishesAsync(normalised, definition!.ServiceId, now, ConfirmLinkLifetime, ct) is { } reached)
        {
            return new WishResult(null, AgentFailure.TooManyPending) { RetryAt = reached.RetryAt };
        }

        var existing = await ActiveWishOfAsync(normalised, definition!.ServiceId, ct);
        var wish = Register(definition!, contact.Name, contact.Email, contact.Phone, language, WishChannel.Online, existing, now);
        if (estimate is not null)
        {
            wish.RecordWaitEstimate(estimate);
        }

        var (secret, token) = LinkToken.Issue(LinkPurpose.ConfirmWish, wish.Id, now, now + ConfirmLinkLifetime);
        db.LinkTokens.Add(token);
        emails.ConfirmRegistration(db, wish, secret, existing is not null, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new WishResult(wish, UpdatesExisting: existing is not null);
    }

    /// <summary>
    /// Registers a wish for a caller of the infoline: it joins the queue at once (the caller agreed
    /// on the phone), its place counting from now. With an email, a second registration of the same
    /// person for the service updates the first, as online, and the usual emails go out; without
    /// one, nothing is emailed and the infoline phones the offers out.
    /// </summary>
    public async Task<WishResult> RegisterForCallerAsync(
        WishRequest request, string? name, string? email, string? phone, string language, CancellationToken ct)
    {
        var now = clock.Now;
        var (definition, failure) = Check(request, now);
        if (failure is not null)
        {
            return WishResult.Fail(failure.Value);
        }

        var (contact, problems) = Contact.ForCaller(name, email, phone, phoneRequiredWithoutEmail: true);
        if (contact is null)
        {
            return new WishResult(null, AgentFailure.InvalidContact, problems);
        }

        var normalised = contact.Email is null ? null : Contact.NormaliseEmail(contact.Email);
        var estimate = await waits.EstimateAsync(definition!, ct);
        for (var attempt = 1; ; attempt++)
        {
            var existing = normalised is null ? null : await ActiveWishOfAsync(normalised, definition!.ServiceId, ct);
            var wish = Register(definition!, contact.Name, contact.Email, contact.Phone, language, WishChannel.Infoline, existing, now);
            if (estimate is not null)
            {
                wish.RecordWaitEstimate(estimate);
            }

            // Saved with the wish (or its change of the earlier one), taken back with it by the Clear below.
            audit.Add(AuditActions.WishForCaller, null, $"Wish: {existing ?? wish.Id}\nService: {definition!.ServiceId}");
            var result = await JoinQueueAsync(wish, now, ct);
            if (result.Succeeded)
            {
                return result;
            }

            // Refused: the new wish must not reach the database with a later save of this request.
            db.ChangeTracker.Clear();

            // The same person registered elsewhere at the same moment won the race: this
            // registration becomes a change of that wish, looked up afresh.
            if (attempt == 3 || normalised is null || !await LostRaceAsync(result, normalised, definition!.ServiceId, ct))
            {
                return result;
            }
        }
    }

    /// <summary>A new, unconfirmed wish added to the context, its place in the queue counting from now.</summary>
    private Wish Register(
        WishDefinition definition, string name, string? email, string? phone, string language, WishChannel channel, Guid? updatesWishId, Instant now)
    {
        var wish = Wish.Register(definition, name, email, phone, Languages.Normalise(language), channel, updatesWishId, now);
        db.Wishes.Add(wish);
        return wish;
    }

    /// <summary>Whether a refusal came from a concurrent registration of the same person rather than from an open offer.</summary>
    private async Task<bool> LostRaceAsync(WishResult result, string normalisedEmail, string serviceId, CancellationToken ct) =>
        (result.Failure == AgentFailure.WishNotActive && result.Wish is null)
        || (result.Failure == AgentFailure.WishHasOpenOffer
            && !await db.Wishes.AnyAsync(w => w.NormalisedEmail == normalisedEmail && w.ServiceId == serviceId && w.Status == WishStatus.Offered, ct));

    public async Task<WishResult> ConfirmAsync(string? secret, CancellationToken ct)
    {
        var now = clock.Now;
        var (wish, failure) = await ResolveAsync(secret, LinkPurpose.ConfirmWish, ct);
        if (failure is not null)
        {
            return WishResult.Fail(failure.Value);
        }

        if (wish!.Status != WishStatus.Unconfirmed)
        {
            return new WishResult(wish, AlreadyDone: true);
        }

        return await JoinQueueAsync(wish, now, ct);
    }

    /// <summary>
    /// Puts a registered wish (tracked, unconfirmed) into the queue: as a change of the person's
    /// earlier wish for the service, which keeps its place, or as a wish of its own, with the email
    /// that confirms it and carries its manage link.
    /// </summary>
    private async Task<WishResult> JoinQueueAsync(Wish wish, Instant now, CancellationToken ct)
    {
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        if (wish.UpdatesWishId is { } originalId)
        {
            var original = await db.Wishes.Include(w => w.Targets).SingleAsync(w => w.Id == originalId, ct);
            if (original.Status == WishStatus.Offered)
            {
                // The citizen answers the open offer first; this link still works afterwards.
                return WishResult.Fail(AgentFailure.WishHasOpenOffer);
            }

            if (original.IsActive)
            {
                // The change: the first wish takes the new definition and keeps its place.
                db.WishTargets.RemoveRange(original.Targets);
                original.TakeOver(wish);
                db.WishTargets.AddRange(original.Targets);
                db.Wishes.Remove(wish);
                await db.LinkTokens.Where(t => t.SubjectId == wish.Id).ExecuteDeleteAsync(ct);

                // Check the version even if no column of the wish itself changed: an offer made
                // meanwhile must not be overwritten with targets that say "waiting".
                db.Entry(original).Property(w => w.Latest).IsModified = true;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    await tx.RollBackAsync(ct);
                    return WishResult.Fail(AgentFailure.WishHasOpenOffer);
                }

                await tx.CommitAsync(ct);
                return new WishResult(original, UpdatesExisting: true);
            }

            wish.StandAlone();
        }

        if (wish.Confirm(now) != WishOutcome.Done)
        {
            return WishResult.Fail(AgentFailure.WishNotActive);
        }

        var (manageSecret, manageToken) = LinkToken.Issue(LinkPurpose.ManageWish, wish.Id, now, now + ManageLinkLifetime);
        db.LinkTokens.Add(manageToken);
        emails.WishConfirmed(db, wish, manageSecret, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Confirmed twice at once, or another registration of the same person got in first.
            await tx.RollBackAsync(ct);
            db.ChangeTracker.Clear();
            var current = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleOrDefaultAsync(w => w.Id == wish.Id, ct);
            return current is null
                ? WishResult.Fail(AgentFailure.WishNotActive)
                : new WishResult(current, current.IsActive ? null : AgentFailure.WishNotActive, AlreadyDone: true);
        }

        await tx.CommitAsync(ct);
        return new WishResult(wish) { ManageSecret = manageSecret };
    }

    private Task<Guid?> ActiveWishOfAsync(string normalisedEmail, string serviceId, CancellationToken ct) =>
        db.Wishes.AsNoTracking()
            .Where(w => w.NormalisedEmail == normalisedEmail && w.ServiceId == serviceId && (w.Status == WishStatus.Waiting || w.Status == WishStatus.Offered))
            .Select(w => (Guid?)w.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<WishResult> FindByLinkAsync(string? secret, LinkPurpose purpose, CancellationToken ct)
    {
        var (wish, failure) = await ResolveAsync(secret, purpose, ct);
        return failure is not null ? WishResult.Fail(failure.Value) : new WishResult(wish);
    }

    /// <summary>Changes what an active wish asks for; it keeps its place in the queue.</summary>
    public async Task<WishResult> UpdateAsync(string? manageSecret, WishRequest request, CancellationToken ct)
    {
        var now = clock.Now;
        var (wish, failure) = await ResolveAsync(manageSecret, LinkPurpose.ManageWish, ct);
        if (failure is not null)
        {
            return WishResult.Fail(failure.Value);
        }

        if (!wish!.IsActive)
        {
            return WishResult.Fail(AgentFailure.WishNotActive);
        }

        if (wish.Status == WishStatus.Offered)
        {
            return WishResult.Fail(AgentFailure.WishHasOpenOffer);
        }

        var (definition, invalid) = Check(request with { ServiceId = wish.ServiceId }, now);
        if (invalid is not null)
        {
            return WishResult.Fail(invalid.Value);
        }

        db.WishTargets.RemoveRange(wish.Targets);
        wish.Define(definition!);
        db.WishTargets.AddRange(wish.Targets);
        db.Entry(wish).Property(w => w.Latest).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WishResult.Fail(AgentFailure.WishHasOpenOffer);
        }

        return new WishResult(wish);
    }

    public async Task<WishResult> WithdrawAsync(string? manageSecret, CancellationToken ct)
    {
        var (wish, failure) = await ResolveAsync(manageSecret, LinkPurpose.ManageWish, ct);
        if (failure is not null)
        {
            return WishResult.Fail(failure.Value);
        }

        return await WithdrawAsync(wish!, ct);
    }

    /// <summary>Withdraws a waiting wish (tracked by this service); one with an open offer is answered through the offer.</summary>
    public async Task<WishResult> WithdrawAsync(Wish wish, CancellationToken ct)
    {
        var now = clock.Now;
        if (wish.Status == WishStatus.Withdrawn)
        {
            return new WishResult(wish, AlreadyDone: true);
        }

        if (wish.Status != WishStatus.Waiting)
        {
            // With an open offer the citizen answers the offer; an ended wish has nothing to withdraw.
            return WishResult.Fail(wish.Status == WishStatus.Offered ? AgentFailure.WishHasOpenOffer : AgentFailure.WishNotActive);
        }

        wish.End(WishStatus.Withdrawn, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WishResult.Fail(AgentFailure.WishHasOpenOffer);
        }

        return new WishResult(wish);
    }

    /// <summary>
    /// How many active wishes registered earlier want some of the same offices, weekdays and times,
    /// and the wait from now as a range resting on that count (<see cref="WaitEstimates"/>).
    /// </summary>
    public async Task<QueuePlace> PlaceOfAsync(Wish wish, CancellationToken ct)
    {
        var (ahead, wait) = await waits.PlaceAsync(wish, ct);
        return new QueuePlace(ahead, wait);
    }

    /// <summary>Ends waiting wishes whose latest wanted day has passed, with an email.</summary>
    public async Task<int> ExpirePastWishesAsync(Instant now, CancellationToken ct)
    {
        var today = now.InZone(city.Offices[0].Zone).Date;
        var past = await db.Wishes.AsNoTracking()
            .Where(w => w.Status == WishStatus.Waiting && w.Latest != null && w.Latest < today)
            .OrderBy(w => w.Latest)
            .ThenBy(w => w.Id)
            .Select(w => w.Id)
            .Take(500)
            .ToListAsync(ct);
        var expired = 0;
        foreach (var id in past)
        {
            // Each wish read afresh and saved against its version on its own: when another
            // instance ended it first, only this wish's change and email are dropped, and no email
            // goes out for a wish this instance did not end.
            db.ChangeTracker.Clear();
            var wish = await db.Wishes.Include(w => w.Targets).SingleOrDefaultAsync(w => w.Id == id && w.Status == WishStatus.Waiting, ct);
            if (wish is null)
            {
                continue;
            }

            wish.End(WishStatus.Expired, now);
            emails.WishExpired(db, wish, now);
            if (await db.TrySaveChangesAsync(ct))
            {
                expired++;
            }
        }

        db.ChangeTracker.Clear();
        return expired;
    }

    private async Task<(Wish? Wish, AgentFailure? Failure)> ResolveAsync(string? secret, LinkPurpose purpose, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(secret))
        {
            return (null, AgentFailure.LinkInvalid);
        }

        var hash = LinkToken.HashOf(secret!);
        var token = await db.LinkTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, ct);
        if (token is null)
        {
            return (null, AgentFailure.LinkInvalid);
        }

        var wish = await db.Wishes.Include(w => w.Targets).FirstOrDefaultAsync(w => w.Id == token.SubjectId, ct);
        if (wish is null)
        {
            return (null, AgentFailure.LinkInvalid);
        }

        return token.ExpiresAt <= clock.Now && wish.Status == WishStatus.Unconfirmed ? (wish, AgentFailure.LinkExpired) : (wish, null);
    }
}
