using Microsoft.AspNetCore.Identity;
using NodaTime;
using Terminagent.Domain.Staff;

namespace Terminagent.Data.Staff;

/// <summary>A member of staff: an ASP.NET Core Identity user with a role and the offices it works for.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;

    public required string DisplayName { get; set; }
    public StaffRole Role { get; set; }

    /// <summary>The offices a clerk or office manager works for; empty for the others, who see all.</summary>
    public List<string> OfficeIds { get; set; } = [];

    public Instant CreatedAt { get; set; }
    public bool IsDisabled { get; set; }
}
