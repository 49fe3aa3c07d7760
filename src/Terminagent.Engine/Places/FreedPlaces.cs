using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;

namespace Terminagent.Engine.Places;

/// <summary>Places handed on to whoever has the first claim on them, and why.</summary>
public sealed record PlacesToHandOn(IReadOnlyCollection<long> SlotIds, Instant Now, OfferSource Source)
{
    /// <summary>The wish that just gave these places back: it does not get them again at once.</summary>
    public Guid? ExceptWish { get; init; }

    /// <summary>At most this many places; by default one per slot, the place just freed.</summary>
    public int? Quota { get; init; }

    /// <summary>The same-day release: the places held back for the day count too.</summary>
    public bool IncludeHeldBack { get; init; }
}

/// <summary>
/// Who has the first claim on places that become free or new: the queue of wishes (the agent).
/// It takes what it can within the caller's transaction and returns how many places it took.
/// </summary>
public interface IFirstClaim
{
    Task<int> ClaimAsync(TerminagentDb db, PlacesToHandOn places, CancellationToken ct);
}

/// <summary>
/// The one seam through which places reach the queue of wishes before anyone else can book them:
/// cancelled and moved bookings, declined and lapsed offers, capacity staff add. Callers use it
/// inside the transaction that freed the places; they never call the agent themselves.
/// </summary>
public sealed class FreedPlaces(IFirstClaim firstClaim)
{
    /// <summary>Gives one place back in each slot and hands them on in the same breath.</summary>
    public async Task ReturnAsync(TerminagentDb db, IReadOnlyCollection<long> slotIds, Instant now, Guid? exceptWish, CancellationToken ct)
    {
        await SlotCapacity.GiveBackAsync(db, slotIds, ct);
        await firstClaim.ClaimAsync(db, new PlacesToHandOn(slotIds, now, OfferSource.FreedPlace) { ExceptWish = exceptWish }, ct);
    }

    /// <summary>Hands on places the caller has freed or created already (a move, added capacity); returns how many were claimed.</summary>
    public Task<int> HandOnAsync(TerminagentDb db, PlacesToHandOn places, CancellationToken ct) => firstClaim.ClaimAsync(db, places, ct);
}
