using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;

namespace Terminagent.Engine.Bookings;

public enum BookingFailure
{
    UnknownService,
    UnknownOffice,
    ServiceNotOfferedThere,
    UnknownTime,
    InPast,
    NotYetReleased,
    Taken,
    InvalidContact,
    LinkInvalid,
    LinkExpired,
    NoLongerActive,
    TooLate,

    /// <summary>The person already has as many appointments for this service as one address may (see CitizenCaps).</summary>
    TooManyActive,
}

public sealed record BookingResult(
    Booking? Booking,
    BookingFailure? Failure = null,
    IReadOnlyList<ContactProblem>? ContactProblems = null,
    IReadOnlyList<FreeTime>? Alternatives = null,
    bool AlreadyDone = false,
    string? ManageSecret = null)
{
    public bool Succeeded => Failure is null;

    /// <summary>With <see cref="BookingFailure.TooManyActive"/>: when trying again can succeed.</summary>
    public NodaTime.Instant? RetryAt { get; init; }

    public static BookingResult Fail(BookingFailure failure) => new(null, failure);
}
