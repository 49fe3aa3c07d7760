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
    public async Task<RetentionResult> PurgeAsync(Instant now, CancellationToken ct)
    {
        var cutoff = now - Duration.FromDays(options.Value.Days);
        var wishes = await PersonalData.AnonymiseAsync(
            db.Wishes.Where(w => (w.EndedAt != null && w.EndedAt < cutoff) || (w.Status == WishStatus.Unconfirmed && w.RegisteredAt < cutoff)),
            now,
            ct);
        var bookings = await PersonalData.AnonymiseAsync(
            db.Bookings.Where(b => b.End < cutoff || ((b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.Expired) && b.CreatedAt < cutoff)),
            now,
            ct);
        await PersonalData.DeleteLinksOfAnonymisedAsync(db, ct);

        // Sent emails go after the period; one still unsent by then (an address that keeps refusing)
        // will never be of use and must not keep the data forever either.
        var emails = await db.OutboxMessages
            .Where(m => (m.SentAt != null && m.SentAt < cutoff) || (m.SentAt == null && m.CreatedAt < cutoff))
            .ExecuteDeleteAsync(ct);
        return new RetentionResult(wishes, bookings, emails);
    }
}
