using NodaTime;

namespace Terminagent.Data.Administration;

/// <summary>Who changed what, when: one row per staff action, written in the action's own transaction.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Instant At { get; set; }
    public Guid? StaffId { get; set; }

    /// <summary>The staff member's name at the time, or the system part that acted (e.g. the city file).</summary>
    public required string Actor { get; set; }

    /// <summary>A stable key of the kind of action, e.g. <c>office.hours</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The office the action concerned, when it concerned one.</summary>
    public string? OfficeId { get; set; }

    /// <summary>What changed, in words staff can read (old and new values).</summary>
    public required string Details { get; set; }
}
