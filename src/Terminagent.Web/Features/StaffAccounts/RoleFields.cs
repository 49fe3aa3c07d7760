using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>The role radios and office checkboxes of the account forms, with what was entered and its errors.</summary>
public sealed record RoleFields(StaffRole? Role, IReadOnlyCollection<string> OfficeIds, IReadOnlyList<Office> Offices, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyList<StaffRole> Roles { get; } = Enum.GetValues<StaffRole>();

    /// <summary>The role as posted by name; null when missing or not one of the roles.</summary>
    public static StaffRole? ReadRole(string? posted) =>
        posted is { Length: > 0 and < 30 } && posted.All(char.IsAsciiLetter) && Enum.TryParse<StaffRole>(posted, out var role) && Enum.IsDefined(role)
            ? role
            : null;

    public static IReadOnlyCollection<string> ReadOffices(IEnumerable<string?> posted) =>
        posted.OfType<string>().Where(o => o.Length is > 0 and <= 60).Distinct().Take(100).ToList();
}
