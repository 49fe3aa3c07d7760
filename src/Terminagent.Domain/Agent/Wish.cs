using NodaTime;

namespace Terminagent.Domain.Agent;

public enum WishStatus
{
    /// <summary>Registered, waiting for the citizen to confirm the emailed link: not in the queue yet.</summary>
    Unconfirmed = 0,

    /// <summary>In the queue without an open offer.</summary>
    Waiting = 1,

    /// <summary>In the queue with one open offer.</summary>
    Offered = 2,

    /// <summary>An offer was accepted: the wish became a booking.</summary>
    Fulfilled = 3,

    Withdrawn = 4,

    /// <summary>An offer lapsed unanswered, which ends the wish.</summary>
    Lapsed = 5,

    /// <summary>Its latest date passed without a match.</summary>
    Expired = 6,
}

/// <summary>A time of day an appointment must lie in: it starts at or after From and ends by To.</summary>
public sealed record TimeWindow(LocalTime From, LocalTime To)
{
    public bool Contains(LocalTime start, LocalTime end) => start >= From && end <= To && end > start;
}

/// <summary>What a wish asks for: one service, any of some offices, some weekdays and times of day, a date range.</summary>
public sealed record WishDefinition(
    string ServiceId,
    IReadOnlyList<string> OfficeIds,
    IReadOnlyList<IsoDayOfWeek> Weekdays,
    IReadOnlyList<TimeWindow> Windows,
    LocalDate? Earliest,
    LocalDate? Latest)
{
    public bool Matches(string officeId, LocalDateTime start, LocalDateTime end) =>
        OfficeIds.Contains(officeId)
        && Weekdays.Contains(start.DayOfWeek)
        && start.Date == end.Date
        && Windows.Any(w => w.Contains(start.TimeOfDay, end.TimeOfDay))
        && (Earliest is null || start.Date >= Earliest)
        && (Latest is null || start.Date <= Latest);

    /// <summary>Whether every appointment this one accepts, the other accepts too.</summary>
    public bool IsWithin(WishDefinition wider) =>
        ServiceId == wider.ServiceId
        && OfficeIds.All(wider.OfficeIds.Contains)
        && Weekdays.All(wider.Weekdays.Contains)
        && Windows.All(w => wider.Windows.Any(x => x.From <= w.From && x.To >= w.To))
        && (wider.Earliest is null || (Earliest is not null && Earliest >= wider.Earliest))
        && (wider.Latest is null || (Latest is not null && Latest <= wider.Latest));
}

public enum WishChannel
{
    Online = 0,

    /// <summary>Registered by an infoline agent for a caller; confirmed on the phone, not by email.</summary>
    Infoline = 1,
}

/// <summary>
/// A citizen's standing request for an appointment. Its place in the queue is the moment it was
/// first registered; confirming, editing or declining an offer keeps that place.
/// </summary>
public sealed class Wish
{
    public Guid Id { get; set; }
    public required string ServiceId { get; set; }
    public List<WishTarget> Targets { get; set; } = [];
    public LocalDate? Earliest { get; set; }
    public LocalDate? Latest { get; set; }
    public required string Name { get; set; }
    /// <summary>None for an infoline caller without email: the infoline phones their offers out.</summary>
    public string? Email { get; set; }

    public string? NormalisedEmail { get; set; }

    public WishChannel Channel { get; set; }
    public string? Phone { get; set; }
    public required string Language { get; set; }
    public WishStatus Status { get; set; }

    /// <summary>The place in the queue.</summary>
    public Instant RegisteredAt { get; set; }

    public Instant? ConfirmedAt { get; set; }
    public Instant? EndedAt { get; set; }

    /// <summary>When the retention period removed the citizen's name, email and phone.</summary>
    public Instant? AnonymisedAt { get; set; }

    /// <summary>A second registration of the same person for the same service updates this wish when confirmed.</summary>
    public Guid? UpdatesWishId { get; set; }

    public bool IsActive => Status is WishStatus.Waiting or WishStatus.Offered;

    public bool HasEnded => Status is WishStatus.Fulfilled or WishStatus.Withdrawn or WishStatus.Lapsed or WishStatus.Expired;

    public WishDefinition Definition => new(
        ServiceId,
        Targets.Select(t => t.OfficeId).Distinct().Order().ToList(),
        Targets.Select(t => (IsoDayOfWeek)t.Weekday).Distinct().Order().ToList(),
        Targets.Select(t => new TimeWindow(LocalTime.FromMinutesSinceMidnight(t.FromMinute), LocalTime.FromMinutesSinceMidnight(t.ToMinute))).Distinct().OrderBy(w => w.From).ToList(),
        Earliest,
        Latest);

    /// <summary>Replaces what the wish asks for, keeping its place in the queue.</summary>
    public void Define(WishDefinition definition)
    {
        Earliest = definition.Earliest;
        Latest = definition.Latest;
        Targets = (
            from office in definition.OfficeIds
            from day in definition.Weekdays
            from window in definition.Windows
            select new WishTarget
            {
                WishId = Id,
                ServiceId = definition.ServiceId,
                OfficeId = office,
                Weekday = (int)day,
                FromMinute = MinutesOf(window.From),
                ToMinute = MinutesOf(window.To),
                Earliest = definition.Earliest,
                Latest = definition.Latest,
                RegisteredAt = RegisteredAt,
                IsWaiting = Status == WishStatus.Waiting,
            }).ToList();
    }

    public WishOutcome Confirm(Instant now)
    {
        if (Status != WishStatus.Unconfirmed)
        {
            return IsActive ? WishOutcome.AlreadyDone : WishOutcome.Ended;
        }

        if (Latest is { } latest && latest < now.InUtc().Date.PlusDays(-1))
        {
            return WishOutcome.Ended;
        }

        ConfirmedAt = now;
        SetStatus(WishStatus.Waiting);
        return WishOutcome.Done;
    }

    public void SetStatus(WishStatus status)
    {
        Status = status;
        foreach (var target in Targets)
        {
            target.IsWaiting = status == WishStatus.Waiting;
        }
    }

    public void End(WishStatus status, Instant now)
    {
        SetStatus(status);
        EndedAt = now;
    }

    private static int MinutesOf(LocalTime time) => (int)(time.TickOfDay / NodaConstants.TicksPerMinute);
}

public enum WishOutcome
{
    Done,
    AlreadyDone,
    Ended,
    NotNow,
}

/// <summary>
/// One office, weekday and time window of a wish: the rows the agent searches, oldest first, when
/// a place frees up, so matching never scans every wish.
/// </summary>
public sealed class WishTarget
{
    public long Id { get; set; }
    public Guid WishId { get; set; }
    public required string ServiceId { get; set; }
    public required string OfficeId { get; set; }
    public int Weekday { get; set; }
    public int FromMinute { get; set; }
    public int ToMinute { get; set; }
    public LocalDate? Earliest { get; set; }
    public LocalDate? Latest { get; set; }
    public Instant RegisteredAt { get; set; }

    /// <summary>The wish is in the queue without an open offer: it may be offered a place.</summary>
    public bool IsWaiting { get; set; }
}
