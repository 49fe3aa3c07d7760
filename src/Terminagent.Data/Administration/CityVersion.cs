using NodaTime;

namespace Terminagent.Data.Administration;

/// <summary>
/// One saved state of the city's settings (offices, services, hours, policies) as a JSON document.
/// The newest version is the one in force; the primary key makes two concurrent saves of the same
/// version collide, so the second administrator is asked to look again instead of overwriting.
/// </summary>
public sealed class CityVersion
{
    public int Version { get; init; }
    public required string Document { get; init; }
    public Instant SavedAt { get; init; }

    /// <summary>The staff member's name, or the file name when the settings came from the city file.</summary>
    public required string SavedBy { get; init; }

    public Guid? SavedByStaffId { get; init; }

    /// <summary>Set when imported from the city file: its content's hash, so a changed file is imported once.</summary>
    public string? FileHash { get; init; }
}
