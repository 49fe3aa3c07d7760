using NodaTime;

namespace Terminagent.Data;

public enum ReleaseKind
{
    Advance = 1,
    SameDay = 2,
}

/// <summary>
/// The agent has taken its share of one release of one office's day. The primary key makes that
/// happen once, however many instances try: the second insert fails and its offers roll back.
/// </summary>
public sealed class ReleaseRun
{
    public required string OfficeId { get; init; }
    public LocalDate Date { get; init; }
    public ReleaseKind Kind { get; init; }
    public Instant RanAt { get; init; }
    public int PlacesReleased { get; init; }
    public int PlacesOffered { get; init; }
}
