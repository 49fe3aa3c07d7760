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
    public required string OfficeId { get; set; }
    public LocalDate Date { get; set; }
    public ReleaseKind Kind { get; set; }
    public Instant RanAt { get; set; }
    public int PlacesReleased { get; set; }
    public int PlacesOffered { get; set; }
}
