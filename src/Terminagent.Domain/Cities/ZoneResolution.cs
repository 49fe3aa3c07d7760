using NodaTime;
using NodaTime.TimeZones;

namespace Terminagent.Domain.Cities;

/// <summary>
/// How civil times that clocks skip or repeat become instants. A start in a skipped hour moves to
/// the end of the gap; an ambiguous start takes its first occurrence and an ambiguous end its
/// second, so an opening period spanning the autumn change keeps every hour actually worked.
/// </summary>
public static class ZoneResolution
{
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    public static Instant StartAt(this DateTimeZone zone, LocalDateTime local) =>
        zone.ResolveLocal(local, StartResolver).ToInstant();

    public static Instant EndAt(this DateTimeZone zone, LocalDateTime local) =>
        zone.ResolveLocal(local, EndResolver).ToInstant();
}
