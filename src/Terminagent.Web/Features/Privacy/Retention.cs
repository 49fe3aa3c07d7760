using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Booking;

namespace Terminagent.Web.Features.Privacy;

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
/// Sent emails are deleted outright: their text holds the same personal data.
/// </summary>
public sealed class Retention(TerminagentDb db, IOptions<RetentionOptions> options)
{
    public async Task<RetentionResult> PurgeAsync(Instant now, CancellationToken ct)
    {
        var cutoff = now - Duration.FromDays(options.Value.Days);
        var wishes = await db.Wishes
            .Where(w => w.AnonymisedAt == null
                && ((w.EndedAt != null && w.EndedAt < cutoff) || (w.Status == WishStatus.Unconfirmed && w.RegisteredAt < cutoff)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(w => w.Name, "")
                .SetProperty(w => w.Email, "")
                .SetProperty(w => w.NormalisedEmail, "")
                .SetProperty(w => w.Phone, (string?)null)
                .SetProperty(w => w.AnonymisedAt, now), ct);
        var bookings = await db.Bookings
            .Where(b => b.AnonymisedAt == null
                && (b.End < cutoff || ((b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.Expired) && b.CreatedAt < cutoff)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(b => b.Name, "")
                .SetProperty(b => b.Email, "")
                .SetProperty(b => b.NormalisedEmail, (string?)null)
                .SetProperty(b => b.Phone, (string?)null)
                .SetProperty(b => b.AnonymisedAt, now), ct);
        var anonymisedWishes = db.Wishes.Where(w => w.AnonymisedAt != null).Select(w => w.Id);
        var anonymisedBookings = db.Bookings.Where(b => b.AnonymisedAt != null).Select(b => b.Id);
        await db.LinkTokens.Where(t => anonymisedWishes.Contains(t.SubjectId) || anonymisedBookings.Contains(t.SubjectId)).ExecuteDeleteAsync(ct);
        var emails = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        return new RetentionResult(wishes, bookings, emails);
    }
}
