using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.Caps;

public sealed class CitizenCapOptions
{
    public const string Section = "Caps";

    /// <summary>Appointments one email address may hold or have booked for one service at a time (a family booking for two fits).</summary>
    public int BookingsPerEmailAndService { get; set; } = 2;

    /// <summary>Wish registrations of one address for one service still waiting for their confirmation link to be opened.</summary>
    public int PendingWishesPerEmailAndService { get; set; } = 3;
}

/// <summary>The moment a capped person may try again: when the first of the things that count against them ends.</summary>
public sealed record CapReached(Instant RetryAt);

/// <summary>
/// Caps what one person (normalised email) may have at once per service, so a bot cannot hoard
/// appointments under one address and no one can flood an address with confirmation emails.
/// Each check takes the person's lock first (<see cref="PersonLock"/>): it runs inside the
/// transaction that then adds the booking or wish, so two requests at once cannot both slip under.
/// Staff acting for a caller (infoline) are not capped: a person decides there.
/// </summary>
public sealed class CitizenCaps(TerminagentDb db, IOptions<CitizenCapOptions> options)
{
    /// <summary>The place in the queue of wishes is one per person and service already (a unique index); this caps the unconfirmed registrations.</summary>
    public async Task<CapReached?> CheckPendingWishesAsync(string normalisedEmail, string serviceId, Instant now, Duration confirmLinkLifetime, CancellationToken ct)
    {
        await PersonLock.TakeAsync(db, normalisedEmail, serviceId, ct);
        var since = now - confirmLinkLifetime;

        // The person's few unconfirmed registrations by their index, their age checked here: asked in
        // the query, SQLite walks every wish for the service registered since instead (0.5 ms a registration).
        var registered = await db.Wishes.AsNoTracking()
            .Where(w => w.NormalisedEmail == normalisedEmail && w.ServiceId == serviceId && w.Status == WishStatus.Unconfirmed)
            .Select(w => w.RegisteredAt)
            .ToListAsync(ct);
        var pending = registered.Where(at => at > since).Order().ToList();
        return pending.Count < options.Value.PendingWishesPerEmailAndService ? null : new CapReached(pending[0] + confirmLinkLifetime);
    }

    /// <summary>Held (until the hold runs out) and confirmed (until the appointment begins) bookings count.</summary>
    public async Task<CapReached?> CheckBookingsAsync(string normalisedEmail, string serviceId, Instant now, CancellationToken ct)
    {
        await PersonLock.TakeAsync(db, normalisedEmail, serviceId, ct);
        return BookingCap(await ActiveBookingsAsync(normalisedEmail, serviceId, now, ct));
    }

    /// <summary>
    /// The person's bookings of the service that count against the cap. Their lock must be held
    /// already, in this transaction (<see cref="PersonLock"/>, or the statement that took the places).
    /// </summary>
    public async Task<List<Booking>> ActiveBookingsAsync(string normalisedEmail, string serviceId, Instant now, CancellationToken ct)
    {
        // The person's few bookings by their index, the states checked here: given the states as
        // well, SQLite without statistics walks every future booking of the city instead.
        var theirs = await db.Bookings.AsNoTracking()
            .Where(b => b.NormalisedEmail == normalisedEmail && b.ServiceId == serviceId)
            .ToListAsync(ct);
        return theirs
            .Where(b => (b.Status == BookingStatus.Held && b.HoldExpiresAt > now) || (b.Status == BookingStatus.Confirmed && b.Start > now))
            .ToList();
    }

    /// <summary>Whether <paramref name="active"/> (<see cref="ActiveBookingsAsync"/>) reach the cap, and until when.</summary>
    public CapReached? BookingCap(IReadOnlyCollection<Booking> active) =>
        active.Count < options.Value.BookingsPerEmailAndService
            ? null
            : new CapReached(active.Min(b => b.Status == BookingStatus.Held ? b.HoldExpiresAt!.Value : b.Start));
}
