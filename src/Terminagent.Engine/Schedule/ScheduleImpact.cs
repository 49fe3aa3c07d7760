using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Schedule;

/// <summary>A booking the schedule no longer has room for, with what staff need to reach the citizen.</summary>
public sealed record AffectedAppointment(
    Guid BookingId,
    string Code,
    string OfficeId,
    string ServiceId,
    Instant Start,
    string Name,
    string? Email,
    string? Phone,
    ScheduleConflict Reason,
    Instant? NoticeAt);

/// <summary>
/// Which upcoming bookings a city's settings leave without room: asked before a change is saved
/// (with the changed settings) and after it (with the settings in force) to inform the citizens.
/// </summary>
public sealed class ScheduleImpact(TerminagentDb db, Clock clock)
{
    /// <param name="city">The settings to judge by.</param>
    /// <param name="officeIds">The offices to look at, or null for all.</param>
    /// <param name="slotsPlanned">
    /// True when the slots already follow <paramref name="city"/>: then only slots planning marked
    /// for review, and bookings of services no longer offered, can be affected, and only their rows
    /// are read, not every upcoming booking (this runs in every planning round).
    /// </param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<IReadOnlyList<AffectedAppointment>> ForAsync(City city, IReadOnlyCollection<string>? officeIds, bool slotsPlanned, CancellationToken ct)
    {
        var now = clock.Now;
        var result = new List<AffectedAppointment>();
        foreach (var office in city.Offices.Where(o => officeIds is null || officeIds.Contains(o.Id)))
        {
            var offered = city.Services.Where(s => s.OfficeIds.Contains(office.Id)).Select(s => s.Id).ToList();
            var rows = await db.Bookings.AsNoTracking()
                .Where(b => b.OfficeId == office.Id && b.Start > now
                    && (b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed))
                .Join(db.BookingSlots, b => b.Id, bs => bs.BookingId, (b, bs) => new { b, bs.SlotId })
                .Join(db.Slots, x => x.SlotId, s => s.Id, (x, s) => new { x.b, s.Start, s.Date, s.NeedsReview })
                .Where(x => !slotsPlanned || x.NeedsReview || !offered.Contains(x.b.ServiceId))
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                continue;
            }

            var first = rows.Min(r => r.Date);
            var last = rows.Max(r => r.Date);
            var planned = SlotPlanner.PlanDays(office, first, last, city.SlotLength).ToDictionary(p => p.Start, p => p.Capacity);
            var affected = ScheduleChange.Affected(
                rows.Select(r => new BookedPlace(r.b.Id, r.b.ServiceId, r.Start, r.b.CreatedAt)), planned, offered.ToHashSet());
            result.AddRange(rows.Select(r => r.b).DistinctBy(b => b.Id).Where(b => affected.ContainsKey(b.Id))
                .Select(b => new AffectedAppointment(b.Id, b.Code, b.OfficeId, b.ServiceId, b.Start, b.Name, b.Email, b.Phone, affected[b.Id], b.ScheduleChangeNoticeAt)));
        }

        return result.OrderBy(a => a.Start).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
    }
}
