using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.OfficeDay;

/// <summary>An appointment of today nobody has checked in for yet, and who still may.</summary>
public sealed record ExpectedAppointment(Guid BookingId, string Code, string Name, string ServiceId, Instant Start);

/// <summary>Today's figures of an office; waiting time runs from arrival to the first call.</summary>
public sealed record QueueFigures(
    int Waiting, int Served, int NoShows, int MissedAppointments, int Called, Duration? AverageWait, Duration? LongestWait);

/// <summary>Today's queue of an office, as the counters see it.</summary>
public sealed record OfficeQueue(
    Office Office,
    LocalDate Day,
    Instant Now,
    IReadOnlyList<Visit> Waiting,
    IReadOnlyList<Visit> Called,
    IReadOnlyList<Visit> Parked,
    IReadOnlyList<ExpectedAppointment> Expected,
    QueueFigures Figures,
    string Stamp)
{
    public Visit? CalledAt(string counterKey) => Called.FirstOrDefault(v => v.Counter == counterKey);
}

/// <summary>
/// A short text that changes whenever today's queue of an office does: every draw, check-in, call,
/// recall and clerk's action moves a visit's status or its call count. A counter page compares it
/// with the one it shows to know when to fetch the queue again.
/// </summary>
public static class QueueStamp
{
    /// <summary>Never empty ("0" for an empty queue), so it can travel as a query value.</summary>
    public static string Of(IEnumerable<(VisitStatus Status, int Count, int Calls)> groups) =>
        string.Join(',', groups.OrderBy(g => g.Status).Select(g => FormattableString.Invariant($"{(int)g.Status}:{g.Count}:{g.Calls}"))) is { Length: > 0 } stamp
            ? stamp
            : "0";

    public static string Of(IEnumerable<Visit> visits) =>
        Of(visits.GroupBy(v => v.Status).Select(g => (g.Key, g.Count(), g.Sum(v => v.CallCount))));
}

public sealed class OfficeQueueQuery(TerminagentDb db, City city, Clock clock, IOptions<OfficeDayOptions> options)
{
    public async Task<OfficeQueue?> LoadAsync(string officeId, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return null;
        }

        var now = clock.Now;
        var today = Counters.Today(office, now);
        var (dayStart, dayEnd) = Counters.TodayBounds(office, now);
        var visits = await db.Visits.AsNoTracking().Where(v => v.OfficeId == officeId && v.Day == today).ToListAsync(ct);

        // Only who may still check in: after the grace period an appointment counts as not taken up.
        var checkInFrom = now - options.Value.NoShowGrace;
        var expected = await db.Bookings.AsNoTracking()
            .Where(b => b.OfficeId == officeId && b.Status == BookingStatus.Confirmed
                && b.Start >= dayStart && b.Start < dayEnd && b.Start > checkInFrom
                && !db.Visits.Any(v => v.BookingId == b.Id))
            .OrderBy(b => b.Start)
            .Select(b => new ExpectedAppointment(b.Id, b.Code, b.Name, b.ServiceId, b.Start))
            .ToListAsync(ct);
        var missed = await db.Bookings.AsNoTracking()
            .CountAsync(b => b.OfficeId == officeId && b.Status == BookingStatus.NoShow
                && b.Start >= dayStart && b.Start < dayEnd
                && !db.Visits.Any(v => v.BookingId == b.Id), ct);

        var waits = visits.Where(v => v.WaitingTime is not null).Select(v => v.WaitingTime!.Value).ToList();
        var figures = new QueueFigures(
            Waiting: visits.Count(v => v.Status == VisitStatus.Waiting),
            Served: visits.Count(v => v.Status == VisitStatus.Served),
            NoShows: visits.Count(v => v.Status == VisitStatus.NoShow),
            MissedAppointments: missed,
            Called: waits.Count,
            AverageWait: waits.Count == 0 ? null : Duration.FromTicks(waits.Sum(w => w.BclCompatibleTicks) / waits.Count),
            LongestWait: waits.Count == 0 ? null : waits.Max());

        return new OfficeQueue(
            office,
            today,
            now,
            QueueOrder.Apply(visits.Where(v => v.Status == VisitStatus.Waiting)).ToList(),
            visits.Where(v => v.Status == VisitStatus.Called).OrderBy(v => v.Counter?.Length).ThenBy(v => v.Counter, StringComparer.Ordinal).ToList(),
            QueueOrder.Apply(visits.Where(v => v.Status == VisitStatus.Parked)).ToList(),
            expected,
            figures,
            QueueStamp.Of(visits));
    }

    /// <summary>The stamp of today's queue, read by one grouped query: what the event stream looks at every couple of seconds.</summary>
    public async Task<string?> StampAsync(string officeId, CancellationToken ct)
    {
        if (city.FindOffice(officeId) is not { } office)
        {
            return null;
        }

        var today = Counters.Today(office, clock.Now);
        var groups = await db.Visits.AsNoTracking()
            .Where(v => v.OfficeId == officeId && v.Day == today)
            .GroupBy(v => v.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Calls = g.Sum(v => v.CallCount) })
            .ToListAsync(ct);
        return QueueStamp.Of(groups.Select(g => (g.Status, g.Count, g.Calls)));
    }
}
