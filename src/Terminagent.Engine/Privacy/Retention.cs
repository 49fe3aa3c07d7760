using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after a wish ends or an appointment passes until the citizen's personal data is removed.</summary>
    public int Days { get; set; } = 30;
}

public sealed record RetentionResult(int Wishes, int Bookings, int Emails);

/// <summary>
/// Removes names, email addresses and phone numbers once they are no longer needed, keeping the
/// rows themselves (service, office, times, outcome) as anonymous counts for the statistics.
/// Emails are deleted outright: their text holds the same personal data. Tickets, visits, call
/// announcements and audit entries hold none (see <see cref="PersonalData"/>).
/// </summary>
public sealed class Retention(TerminagentDb db, IOptions<RetentionOptions> options)
{
    /// <summary>Ids per statement: a retention period's backlog after a long pause stays within any database's parameter limit.</summary>
    private const int IdsPerStatement = 500;

    public async Task<RetentionResult> PurgeAsync(Instant now, CancellationToken ct)
    {
        var cutoff = now - Duration.FromDays(options.Value.Days);

        // Only records not anonymised yet are read, by partial indexes, and judged here: a round costs
        // what one retention period holds, not what the city has kept since it started. A wish ends
        // after it was registered and an appointment after it was made, so those made before the
        // cutoff are all the candidates. Anonymising and deleting the links happen in one
        // transaction, so no anonymised record keeps a link; in the order of the ids, so that two
        // instances purging at once take their rows' locks in the same order.
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        var wishIds = (await db.Wishes.Where(w => w.AnonymisedAt == null && w.RegisteredAt < cutoff)
                .Select(w => new { w.Id, w.Status, w.EndedAt }).ToListAsync(ct))
            .Where(w => (w.EndedAt != null && w.EndedAt < cutoff) || w.Status == WishStatus.Unconfirmed)
            .Select(w => w.Id).Order().ToList();
        var bookingIds = (await db.Bookings.Where(b => b.AnonymisedAt == null && b.CreatedAt < cutoff)
                .Select(b => new { b.Id, b.Status, b.End }).ToListAsync(ct))
            .Where(b => b.End < cutoff || b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.Expired)
            .Select(b => b.Id).Order().ToList();

        var wishes = 0;
        foreach (var chunk in wishIds.Chunk(IdsPerStatement))
        {
            wishes += await PersonalData.AnonymiseAsync(db.Wishes.Where(w => chunk.Contains(w.Id)), now, ct);
            var offerIds = await db.Offers.Where(o => chunk.Contains(o.WishId)).Select(o => o.Id).ToListAsync(ct);
            await PersonalData.DeleteLinksOfAsync(db, [.. chunk, .. offerIds], ct);
        }

        var bookings = 0;
        foreach (var chunk in bookingIds.Chunk(IdsPerStatement))
        {
            bookings += await PersonalData.AnonymiseAsync(db.Bookings.Where(b => chunk.Contains(b.Id)), now, ct);
            await PersonalData.DeleteLinksOfAsync(db, chunk, ct);
        }

        // Sent emails go after the period; one still unsent by then (an address that keeps refusing)
        // will never be of use and must not keep the data forever either.
        var emails = await db.OutboxMessages
            .Where(m => (m.SentAt != null && m.SentAt < cutoff) || (m.SentAt == null && m.CreatedAt < cutoff))
            .ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return new RetentionResult(wishes, bookings, emails);
    }
}
