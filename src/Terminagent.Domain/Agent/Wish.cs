using NodaTime;
using Terminagent.Domain.Bookings;

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
    /// <summary>Monday to Friday: the weekdays the wish form starts with, and the widest weekday choice it suggests.</summary>
    public static readonly IReadOnlyList<IsoDayOfWeek> Workdays =
        Array.AsReadOnly([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday]);

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
    private List<WishTarget> targets = [];

    // EF Core materialises rows through this constructor too; everything else is set by Register.
    private Wish(Guid id, string serviceId, string name, string language)
    {
        Id = id;
        ServiceId = serviceId;
        Name = name;
        Language = language;
    }

    public Guid Id { get; private init; }
    public string ServiceId { get; private init; }
    public IReadOnlyList<WishTarget> Targets => targets;
    public LocalDate? Earliest { get; private set; }
    public LocalDate? Latest { get; private set; }
    public string Name { get; private set; }
    /// <summary>None for an infoline caller without email: the infoline phones their offers out.</summary>
    public string? Email { get; private init; }

    public string? NormalisedEmail { get; private init; }

    public WishChannel Channel { get; private init; }
    public string? Phone { get; private set; }
    public string Language { get; private set; }
    public WishStatus Status { get; private set; }

    /// <summary>The place in the queue.</summary>
    public Instant RegisteredAt { get; private init; }

    public Instant? ConfirmedAt { get; private set; }
    public Instant? EndedAt { get; private set; }

    /// <summary>When the retention period removed the citizen's name, email and phone (a set-based update, see PersonalData).</summary>
    public Instant? AnonymisedAt { get; private init; }

    /// <summary>A second registration of the same person for the same service updates this wish when confirmed.</summary>
    public Guid? UpdatesWishId { get; private set; }

    /// <summary>The wait estimate shown when the wish was registered, kept to measure how often it comes true.</summary>
    public int? WaitLowDays { get; private set; }

    public int? WaitHighDays { get; private set; }

    public double? WaitPointDays { get; private set; }

    public WaitBasis? WaitBasis { get; private set; }

    public WaitEstimate? WaitShown => WaitLowDays is { } low && WaitHighDays is { } high && WaitBasis is { } basis
        ? new WaitEstimate(low, high, basis, WaitPointDays ?? 0)
        : null;

    public bool IsActive => Status is WishStatus.Waiting or WishStatus.Offered;

    public bool HasEnded => Status is WishStatus.Fulfilled or WishStatus.Withdrawn or WishStatus.Lapsed or WishStatus.Expired;

    public WishDefinition Definition => new(
        ServiceId,
        Targets.Select(t => t.OfficeId).Distinct().Order().ToList(),
        Targets.Select(t => (IsoDayOfWeek)t.Weekday).Distinct().Order().ToList(),
        Targets.Select(t => new TimeWindow(LocalTime.FromMinutesSinceMidnight(t.FromMinute), LocalTime.FromMinutesSinceMidnight(t.ToMinute))).Distinct().OrderBy(w => w.From).ToList(),
        Earliest,
        Latest);

    /// <summary>
    /// A new wish, unconfirmed, its place in the queue counting from <paramref name="now"/>. With
    /// <paramref name="updatesWishId"/> it is a change of the person's active wish for the service,
    /// which takes it over when confirmed.
    /// </summary>
    public static Wish Register(
        WishDefinition definition, string name, string? email, string? phone, string language, WishChannel channel, Guid? updatesWishId, Instant now)
    {
        var wish = new Wish(Guid.CreateVersion7(now.ToDateTimeOffset()), definition.ServiceId, name, language)
        {
            Email = email,
            NormalisedEmail = email is null ? null : Contact.NormaliseEmail(email),
            Phone = phone,
            Status = WishStatus.Unconfirmed,
            Channel = channel,
            RegisteredAt = now,
            UpdatesWishId = updatesWishId,
        };
        wish.Define(definition);
        return wish;
    }

    /// <summary>Keeps the estimate the citizen was shown at registration.</summary>
    public void RecordWaitEstimate(WaitEstimate estimate)
    {
        WaitLowDays = estimate.LowDays;
        WaitHighDays = estimate.HighDays;
        WaitPointDays = estimate.PointDays;
        WaitBasis = estimate.Basis;
    }

    /// <summary>Replaces what the wish asks for, keeping its place in the queue.</summary>
    public void Define(WishDefinition definition)
    {
        if (definition.ServiceId != ServiceId)
        {
            throw new ArgumentException($"A wish for {ServiceId} cannot ask for {definition.ServiceId}.", nameof(definition));
        }

        Earliest = definition.Earliest;
        Latest = definition.Latest;
        targets = (
            from office in definition.OfficeIds
            from day in definition.Weekdays
            from window in definition.Windows
            select new WishTarget(Id, definition.ServiceId, office)
            {
                Weekday = (int)day,
                FromMinute = WishTarget.MinuteOf(window.From),
                ToMinute = WishTarget.MinuteOf(window.To),
                Earliest = definition.Earliest,
                Latest = definition.Latest,
                RegisteredAt = RegisteredAt,
                IsWaiting = Status == WishStatus.Waiting,
            }).ToList();
    }

    /// <summary>
    /// Takes over a confirmed change registered later by the same person: what it asks for, the
    /// name, phone and language. This wish keeps its place in the queue.
    /// </summary>
    public void TakeOver(Wish change)
    {
        if (change.UpdatesWishId != Id)
        {
            throw new ArgumentException("The registration is no change of this wish.", nameof(change));
        }

        // With an open offer the citizen answers the offer first; the change waits for that.
        if (Status != WishStatus.Waiting)
        {
            throw new InvalidOperationException($"Only a waiting wish takes over a change; this one is {Status}.");
        }

        Define(change.Definition);
        Name = change.Name;
        Phone = change.Phone;
        Language = change.Language;
    }

    /// <summary>The wish this registration was to change has ended: it joins the queue as a wish of its own.</summary>
    public void StandAlone()
    {
        if (Status != WishStatus.Unconfirmed)
        {
            throw new InvalidOperationException($"Only an unconfirmed registration stands alone; this one is {Status}.");
        }

        UpdatesWishId = null;
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

    /// <summary>An offer was made: the wish leaves the waiting queue while the offer is open.</summary>
    public void MarkOffered()
    {
        if (Status != WishStatus.Waiting)
        {
            throw new InvalidOperationException($"Only a waiting wish is offered a place; this one is {Status}.");
        }

        SetStatus(WishStatus.Offered);
    }

    /// <summary>The citizen declined the offer and kept the wish: it waits again at its old place.</summary>
    public void ResumeWaiting()
    {
        if (Status != WishStatus.Offered)
        {
            throw new InvalidOperationException($"Only a wish with an open offer waits again; this one is {Status}.");
        }

        SetStatus(WishStatus.Waiting);
    }

    /// <summary>Ends the wish as <paramref name="status"/> (fulfilled, withdrawn, lapsed or expired).</summary>
    public void End(WishStatus status, Instant now)
    {
        if (status is not (WishStatus.Fulfilled or WishStatus.Withdrawn or WishStatus.Lapsed or WishStatus.Expired))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A wish ends fulfilled, withdrawn, lapsed or expired.");
        }

        SetStatus(status);
        EndedAt = now;
    }

    private void SetStatus(WishStatus status)
    {
        Status = status;
        foreach (var target in Targets)
        {
            target.IsWaiting = status == WishStatus.Waiting;
        }
    }

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
    // EF Core materialises rows through this constructor too; a wish makes its targets in Define.
    internal WishTarget(Guid wishId, string serviceId, string officeId)
    {
        WishId = wishId;
        ServiceId = serviceId;
        OfficeId = officeId;
    }

    public long Id { get; private init; }
    public Guid WishId { get; private init; }
    public string ServiceId { get; private init; }
    public string OfficeId { get; private init; }
    public int Weekday { get; internal init; }
    /// <summary>Minutes since midnight, as a target stores its window's ends and the agent's matching query compares them.</summary>
    public static int MinuteOf(LocalTime time) => (int)(time.TickOfDay / NodaConstants.TicksPerMinute);

    public int FromMinute { get; internal init; }
    public int ToMinute { get; internal init; }
    public LocalDate? Earliest { get; internal init; }
    public LocalDate? Latest { get; internal init; }
    public Instant RegisteredAt { get; internal init; }

    /// <summary>The wish is in the queue without an open offer: it may be offered a place (kept by the wish's status changes).</summary>
    public bool IsWaiting { get; internal set; }
}
