using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Schedule;

/// <summary>
/// Tells every citizen whose booking the schedule in force has no room for, once, by email with
/// a link to rebook. Runs right after a confirmed change and again after every planning round,
/// so a crash between saving a change and sending the notices loses none.
/// </summary>
public sealed class ScheduleChangeNotices(TerminagentDb db, ScheduleImpact impact, BookingEmails emails, Clock clock)
{
    public async Task<int> InformAsync(City city, CancellationToken ct)
    {
        var now = clock.Now;
        var due = (await impact.ForAsync(city, null, slotsPlanned: true, ct)).Where(a => a.NoticeAt is null && !string.IsNullOrEmpty(a.Email)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(a => a.BookingId).ToList();
        var bookings = await db.Bookings.Where(b => ids.Contains(b.Id) && b.ScheduleChangeNoticeAt == null).ToListAsync(ct);
        foreach (var booking in bookings)
        {
            booking.RecordScheduleChangeNotice(now);
            var (secret, token) = LinkToken.Issue(LinkPurpose.ManageBooking, booking.Id, now, booking.End + BookingService.ManageLinkAfterEnd);
            db.LinkTokens.Add(token);
            emails.ScheduleChanged(db, booking, secret, due.First(a => a.BookingId == booking.Id).Reason, now);
        }

        foreach (var office in bookings.GroupBy(b => b.OfficeId))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = "Terminagent",
                Action = "schedule.notice",
                OfficeId = office.Key,
                Details = string.Join(", ", office.Select(b => b.Code).Order(StringComparer.Ordinal)),
            });
        }

        // The booking's version token makes a concurrent move or cancellation win; the next round retries.
        return await db.TrySaveChangesAsync(ct) ? bookings.Count : 0;
    }
}
