using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Bookings;
using Terminagent.Web.Features.Input;

namespace Terminagent.Web.Features.Bookings;

/// <summary>The free time a booking form is for, as its address names it: service, office, start, and the offices searched.</summary>
public sealed record ChosenTime(Service? Service, Office? Office, Instant? Start, IReadOnlyList<string> SearchedOffices)
{
    /// <summary>Why the form cannot book anything, or null when service, office and start are all known.</summary>
    public BookingFailure? Problem =>
        Service is null ? BookingFailure.UnknownService
        : Office is null ? BookingFailure.UnknownOffice
        : Start is null ? BookingFailure.UnknownTime
        : null;

    public static ChosenTime Read(City city, Instant now, string? service, string? at, string? start, string[]? office) => new(
        service is null ? null : city.FindService(service),
        at is null ? null : city.FindOffice(at),
        Moments.ReadInstant(start, now).Value,
        (office ?? []).Where(o => city.FindOffice(o) is not null).Distinct().ToList());
}
