using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;

namespace Terminagent.Engine.Agent;

public enum AgentFailure
{
    UnknownService,
    UnknownOffice,
    NoOffice,
    NoWeekday,
    NoTimeWindow,
    InvalidTimeWindow,
    InvalidDateRange,
    InvalidContact,
    LinkInvalid,
    LinkExpired,
    WishNotActive,
    WishHasOpenOffer,
    OfferClosed,
    OfferExpired,

    /// <summary>The address has as many unconfirmed registrations for the service as it may (see CitizenCaps).</summary>
    TooManyPending,

    /// <summary>Accepting would give the address more appointments for the service than it may have.</summary>
    TooManyBookings,
}

public sealed record WishResult(
    Wish? Wish,
    AgentFailure? Failure = null,
    IReadOnlyList<ContactProblem>? ContactProblems = null,
    bool AlreadyDone = false,
    bool UpdatesExisting = false,
    string? ManageSecret = null)
{
    public bool Succeeded => Failure is null;

    /// <summary>With a cap reached: when trying again can succeed.</summary>
    public Instant? RetryAt { get; init; }

    public static WishResult Fail(AgentFailure failure) => new(null, failure);
}

public sealed record OfferResult(Offer? Offer, Wish? Wish, AgentFailure? Failure = null, bool AlreadyDone = false, string? ManageSecret = null)
{
    public bool Succeeded => Failure is null;

    /// <summary>With a cap reached: when trying again can succeed.</summary>
    public Instant? RetryAt { get; init; }

    /// <summary>The booking an acceptance has just made.</summary>
    public Booking? Booking { get; init; }

    public static OfferResult Fail(AgentFailure failure) => new(null, null, failure);
}

/// <summary>A wish as the citizen entered it, before it is checked.</summary>
public sealed record WishRequest(
    string? ServiceId,
    IReadOnlyList<string>? OfficeIds,
    IReadOnlyList<NodaTime.IsoDayOfWeek>? Weekdays,
    IReadOnlyList<TimeWindow>? Windows,
    NodaTime.LocalDate? Earliest,
    NodaTime.LocalDate? Latest);
