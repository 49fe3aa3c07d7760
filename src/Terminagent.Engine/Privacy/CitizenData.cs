using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Privacy;

public enum LinkProblem
{
    Invalid,
    Expired,
}

/// <summary>
/// Whose data a link opens. The link was sent to a mailbox, and whoever holds it has that mailbox,
/// which already holds every email about the records of this address: so the link opens all
/// records of the same (normalised) address, not only its own one, which is what a request under
/// Art. 15 and 17 GDPR is about. Without an address (an infoline caller) only the link's own
/// record and what came from it are in scope.
/// </summary>
public sealed record DataSubject(string? NormalisedEmail, Guid? BookingId, Guid? WishId)
{
    /// <summary>The form of an address as bookings, wishes and emails are compared with it.</summary>
    public static string Normalise(string email) => Contact.NormaliseEmail(email);
}

public sealed record BookingData(
    string Code, string ServiceId, string Service, string OfficeId, string Office, DateTimeOffset Start, DateTimeOffset End,
    string Status, string Name, string? Email, string? Phone, string Channel, string Language,
    DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? CancelledAt);

public sealed record WishData(
    Guid Id, string ServiceId, string Service, IReadOnlyList<string> OfficeIds, IReadOnlyList<string> Weekdays, IReadOnlyList<string> TimesOfDay,
    string? Earliest, string? Latest, string Status, string Name, string? Email, string? Phone, string Channel, string Language,
    DateTimeOffset RegisteredAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? EndedAt);

public sealed record OfferData(
    Guid WishId, string ServiceId, string Service, string OfficeId, string Office, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset OfferedAt, DateTimeOffset Deadline, string Status, DateTimeOffset? AnsweredAt);

public sealed record EmailData(string Subject, DateTimeOffset WrittenAt, DateTimeOffset? SentAt);

public sealed record VisitData(
    string BookingCode, string OfficeId, string Office, string Day, DateTimeOffset ArrivedAt, DateTimeOffset? FirstCalledAt,
    DateTimeOffset? FinishedAt, string Status, string? Counter, int Calls);

/// <summary>Everything Terminagent holds about one address: what the "my data" page shows and the JSON download carries.</summary>
public sealed record CitizenDataExport(
    string? Email, DateTimeOffset CompiledAt,
    IReadOnlyList<BookingData> Bookings, IReadOnlyList<WishData> Wishes, IReadOnlyList<OfferData> Offers,
    IReadOnlyList<EmailData> Emails, IReadOnlyList<VisitData> Visits)
{
    public bool IsEmpty => Bookings.Count == 0 && Wishes.Count == 0 && Offers.Count == 0 && Emails.Count == 0 && Visits.Count == 0;
}

/// <summary>The records in a data subject's scope, as ids, read in one place for the export and the erasure.</summary>
public sealed record SubjectRecords(IReadOnlyList<Guid> BookingIds, IReadOnlyList<Guid> WishIds, IReadOnlyList<Guid> OfferIds);

/// <summary>Finds the data subject behind a link and reads what is held about them; changes nothing.</summary>
public sealed class CitizenData(TerminagentDb db, City city, Clock clock)
{
    /// <summary>The links of the pages a citizen reaches from their emails (manage a booking or wish, answer an offer).</summary>
    public static readonly IReadOnlyList<LinkPurpose> Purposes = [LinkPurpose.ManageBooking, LinkPurpose.ManageWish, LinkPurpose.AnswerOffer];

    public async Task<(DataSubject? Subject, LinkProblem? Problem)> SubjectOfAsync(string? secret, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(secret))
        {
            return (null, LinkProblem.Invalid);
        }

        var hash = LinkToken.HashOf(secret!);
        var token = await db.LinkTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || !Purposes.Contains(token.Purpose))
        {
            return (null, LinkProblem.Invalid);
        }

        var subject = token.Purpose switch
        {
            LinkPurpose.ManageBooking => await db.Bookings.AsNoTracking()
                .Where(b => b.Id == token.SubjectId && b.AnonymisedAt == null)
                .Select(b => new DataSubject(b.Email, b.Id, null))
                .FirstOrDefaultAsync(ct),
            LinkPurpose.ManageWish => await db.Wishes.AsNoTracking()
                .Where(w => w.Id == token.SubjectId && w.AnonymisedAt == null)
                .Select(w => new DataSubject(w.NormalisedEmail, null, w.Id))
                .FirstOrDefaultAsync(ct),
            _ => await (from o in db.Offers.AsNoTracking()
                        join w in db.Wishes.AsNoTracking() on o.WishId equals w.Id
                        where o.Id == token.SubjectId && w.AnonymisedAt == null
                        select new DataSubject(w.NormalisedEmail, o.BookingId, w.Id)).FirstOrDefaultAsync(ct),
        };
        if (subject is null)
        {
            return (null, LinkProblem.Invalid);
        }

        if (token.ExpiresAt <= clock.Now)
        {
            return (null, LinkProblem.Expired);
        }

        var email = string.IsNullOrWhiteSpace(subject.NormalisedEmail) ? null : DataSubject.Normalise(subject.NormalisedEmail);
        return (subject with { NormalisedEmail = email }, null);
    }

    /// <summary>The ids of every booking, wish and offer of the subject, read in the caller's transaction if there is one.</summary>
    public async Task<SubjectRecords> RecordsOfAsync(DataSubject subject, CancellationToken ct)
    {
        var email = subject.NormalisedEmail;
        var wishIds = await db.Wishes.AsNoTracking()
            .Where(w => (email != null && w.NormalisedEmail == email) || w.Id == subject.WishId)
            .Select(w => w.Id)
            .ToListAsync(ct);
        var offers = await db.Offers.AsNoTracking()
            .Where(o => wishIds.Contains(o.WishId))
            .Select(o => new { o.Id, o.BookingId })
            .ToListAsync(ct);
        var fromOffers = offers.Where(o => o.BookingId != null).Select(o => o.BookingId!.Value).ToList();

        // Addresses are kept as typed; a lower-cased comparison finds "Max@Example.org" as well.
        var bookingIds = await db.Bookings.AsNoTracking()
            .Where(b => (email != null && b.NormalisedEmail == email) || b.Id == subject.BookingId || fromOffers.Contains(b.Id))
            .Select(b => b.Id)
            .ToListAsync(ct);
        return new SubjectRecords(bookingIds, wishIds, offers.Select(o => o.Id).ToList());
    }

    /// <summary>The emails written to the subject's address, sent or still waiting.</summary>
    public IQueryable<Data.Email.OutboxMessage> EmailsTo(DataSubject subject)
    {
        var email = subject.NormalisedEmail;
        return email is null
            ? db.OutboxMessages.Where(_ => false)
            : db.OutboxMessages.Where(m => m.ToAddress.ToLower() == email);
    }

    /// <summary>Everything held about the subject, with service names in <paramref name="language"/>.</summary>
    public async Task<CitizenDataExport> ExportAsync(DataSubject subject, string language, CancellationToken ct)
    {
        var records = await RecordsOfAsync(subject, ct);
        var bookings = await db.Bookings.AsNoTracking().Where(b => records.BookingIds.Contains(b.Id)).ToListAsync(ct);
        var wishes = await db.Wishes.AsNoTracking().Include(w => w.Targets).Where(w => records.WishIds.Contains(w.Id)).ToListAsync(ct);
        var offers = await db.Offers.AsNoTracking().Where(o => records.OfferIds.Contains(o.Id)).ToListAsync(ct);
        var emails = await EmailsTo(subject).AsNoTracking()
            .Select(m => new { m.Subject, m.CreatedAt, m.SentAt })
            .ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking().Where(v => v.BookingId != null && records.BookingIds.Contains(v.BookingId.Value)).ToListAsync(ct);
        var codes = bookings.ToDictionary(b => b.Id, b => b.Code);

        return new CitizenDataExport(
            subject.NormalisedEmail,
            clock.Now.ToDateTimeOffset(),
            bookings.OrderBy(b => b.Start).Select(b => new BookingData(
                b.Code, b.ServiceId, ServiceName(b.ServiceId, language), b.OfficeId, OfficeName(b.OfficeId),
                Local(b.Start, b.OfficeId), Local(b.End, b.OfficeId), b.Status.ToString(),
                b.Name, b.Email, b.Phone, b.Channel.ToString(), b.Language,
                Local(b.CreatedAt, b.OfficeId), LocalOrNull(b.ConfirmedAt, b.OfficeId), LocalOrNull(b.CancelledAt, b.OfficeId))).ToList(),
            wishes.OrderBy(w => w.RegisteredAt).Select(w =>
            {
                var definition = w.Definition;
                return new WishData(
                    w.Id, w.ServiceId, ServiceName(w.ServiceId, language), definition.OfficeIds, definition.Weekdays.Select(d => d.ToString()).ToList(),
                    definition.Windows.Select(t => $"{t.From:HH:mm}-{t.To:HH:mm}").ToList(),
                    w.Earliest?.ToString("uuuu-MM-dd", null), w.Latest?.ToString("uuuu-MM-dd", null), w.Status.ToString(),
                    w.Name, w.Email, w.Phone, w.Channel.ToString(), w.Language,
                    Local(w.RegisteredAt, null), LocalOrNull(w.ConfirmedAt, null), LocalOrNull(w.EndedAt, null));
            }).ToList(),
            offers.OrderBy(o => o.OfferedAt).Select(o => new OfferData(
                o.WishId, o.ServiceId, ServiceName(o.ServiceId, language), o.OfficeId, OfficeName(o.OfficeId),
                Local(o.Start, o.OfficeId), Local(o.End, o.OfficeId), Local(o.OfferedAt, o.OfficeId), Local(o.Deadline, o.OfficeId),
                o.Status.ToString(), LocalOrNull(o.AnsweredAt, o.OfficeId))).ToList(),
            emails.OrderBy(m => m.CreatedAt).Select(m => new EmailData(m.Subject, Local(m.CreatedAt, null), LocalOrNull(m.SentAt, null))).ToList(),
            visits.OrderBy(v => v.ArrivedAt).Select(v => new VisitData(
                codes.GetValueOrDefault(v.BookingId!.Value, v.Label), v.OfficeId, OfficeName(v.OfficeId), v.Day.ToString("uuuu-MM-dd", null),
                Local(v.ArrivedAt, v.OfficeId), LocalOrNull(v.FirstCalledAt, v.OfficeId), LocalOrNull(v.FinishedAt, v.OfficeId),
                v.Status.ToString(), v.Counter, v.CallCount)).ToList());
    }

    private string ServiceName(string id, string language) => city.FindService(id)?.NameIn(language) ?? id;

    private string OfficeName(string id) => city.FindOffice(id)?.Name ?? id;

    /// <summary>A moment as the office's wall clock shows it (with its offset), so the file reads like the emails did.</summary>
    private DateTimeOffset Local(Instant instant, string? officeId) =>
        instant.InZone((officeId is null ? null : city.FindOffice(officeId))?.Zone ?? city.Offices[0].Zone).ToDateTimeOffset();

    private DateTimeOffset? LocalOrNull(Instant? instant, string? officeId) => instant is { } i ? Local(i, officeId) : null;
}
