using NodaTime;

namespace Terminagent.Data.Administration;

/// <summary>Who changed what, when: one row per staff action, written in the action's own transaction.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public Instant At { get; init; }
    public Guid? StaffId { get; init; }

    /// <summary>The staff member's name at the time, or the system part that acted (e.g. the city file).</summary>
    public required string Actor { get; init; }

    /// <summary>A stable key of the kind of action, e.g. <c>office.hours</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The office the action concerned, when it concerned one.</summary>
    public string? OfficeId { get; init; }

    /// <summary>What changed, in words staff can read (old and new values).</summary>
    public required string Details { get; init; }
}
