using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.Statistics;

/// <summary>Anonymous figures of the offices' days: appointments by channel, no-shows, tickets and waiting times.</summary>
public sealed record OfficeDayCountsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    string? OfficeId,
    int AppointmentsDue,
    int AppointmentsBookedOnline,
    int AppointmentsBookedByInfoline,
    int AppointmentsCheckedIn,
    int AppointmentsNoShow,
    double? NoShowShare,
    int TicketsDrawn,
    int VisitsServed,
    int VisitsNotAppearingWhenCalled,
    double? MedianMinutesWaited,
    double? LongestMinutesWaited);

public sealed class OfficeDayCounts(TerminagentDb db)
{
    public async Task<OfficeDayCountsDto> CountAsync(Instant from, Instant to, string? officeId, CancellationToken ct)
    {
        // Appointments count in the period they were due in, whatever became of them since.
        var due = db.Bookings.AsNoTracking()
            .Where(b => b.Start >= from && b.Start < to && (officeId == null || b.OfficeId == officeId))
            .Where(b => b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow);
        var byChannel = await due.GroupBy(b => b.Channel).Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Channel, g => g.Count, ct);
        var noShows = await due.CountAsync(b => b.Status == BookingStatus.NoShow, ct);
        var checkedIn = await due.CountAsync(b => db.Visits.Any(v => v.BookingId == b.Id), ct);
        var total = byChannel.Values.Sum();

        var visits = db.Visits.AsNoTracking()
            .Where(v => v.ArrivedAt >= from && v.ArrivedAt < to && (officeId == null || v.OfficeId == officeId));
        var tickets = await visits.CountAsync(v => v.Kind == VisitKind.Ticket, ct);
        var served = await visits.CountAsync(v => v.Status == VisitStatus.Served, ct);
        var notAppearing = await visits.CountAsync(v => v.Status == VisitStatus.NoShow, ct);
        var waits = await visits.Where(v => v.FirstCalledAt != null)
            .Select(v => new { v.ArrivedAt, v.FirstCalledAt })
            .ToListAsync(ct);
        var minutes = waits.Select(w => Math.Max(0, (w.FirstCalledAt!.Value - w.ArrivedAt).TotalMinutes)).Order().ToList();

        return new OfficeDayCountsDto(
            from.ToDateTimeOffset(), to.ToDateTimeOffset(), officeId,
            total, byChannel.GetValueOrDefault(BookingChannel.Online), byChannel.GetValueOrDefault(BookingChannel.Infoline),
            checkedIn, noShows, total == 0 ? null : (double)noShows / total,
            tickets, served, notAppearing,
            minutes.Count == 0 ? null : minutes[minutes.Count / 2],
            minutes.Count == 0 ? null : minutes[^1]);
    }
}

public static class OfficeDayCountsApi
{
    public static void MapOfficeDayCountsApi(this RouteGroupBuilder api) =>
        api.MapGet("/statistics/office-day", CountAsync)
            .WithName("OfficeDayCounts").WithTags("Statistics")
            .WithSummary("Anonymous figures of the offices' days for a period (default: the last 30 days), optionally for one office.")
            .WithDescription("Appointments by channel and how many were kept, tickets drawn, visits served, and waiting times. Public on purpose: no person can be told from them.")
            .Refuses(400, "`from` is not before `to`, the period is longer than ten years, or the office does not exist.", "InvalidRequest");

    private static async Task<Results<Ok<OfficeDayCountsDto>, ProblemHttpResult>> CountAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? office, OfficeDayCounts counts, City city, Clock clock, CancellationToken ct)
    {
        if ((from is { } early && !Moments.InReach(early, clock.Now)) || (to is { } late && !Moments.InReach(late, clock.Now)))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid period", detail: $"'from' and 'to' must lie within {Moments.YearsReachable} years of today.");
        }

        var end = to is { } t ? Instant.FromDateTimeOffset(t) : clock.Now;
        var start = from is { } f ? Instant.FromDateTimeOffset(f) : end - Duration.FromDays(30);
        if (start >= end || end - start > Duration.FromDays(3660))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid period", detail: "'from' must be before 'to', and the period at most ten years.");
        }

        if (office is not null && city.FindOffice(office) is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown office", detail: $"There is no office '{office}'. /api/v1/offices lists them.");
        }

        return TypedResults.Ok(await counts.CountAsync(start, end, office, ct));
    }
}
