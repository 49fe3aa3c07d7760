using System.Security.Claims;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Staff;

/// <summary>The signed-in member of staff as the auth cookie describes them: who, which role, which offices.</summary>
public sealed record StaffMember(Guid Id, string Name, StaffRole Role, IReadOnlyList<string> OfficeIds)
{
    public const string RoleClaim = "terminagent:role";
    public const string OfficeClaim = "terminagent:office";
    public const string NameClaim = "terminagent:name";

    public static StaffMember? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Enum.TryParse<StaffRole>(user.FindFirstValue(RoleClaim), out var role)
            || !Enum.IsDefined(role))
        {
            return null;
        }

        return new StaffMember(
            id,
            user.FindFirstValue(NameClaim) ?? user.Identity.Name ?? "",
            role,
            user.FindAll(OfficeClaim).Select(c => c.Value).ToList());
    }

    public bool MayDo(StaffTask task) => StaffAccess.MayDo(Role, task);

    public bool MayDoAt(StaffTask task, string officeId) => StaffAccess.MayDoAt(Role, OfficeIds, task, officeId);

    /// <summary>The offices of the city this member may do the task at, in the city's order.</summary>
    public IEnumerable<Domain.Cities.Office> OfficesFor(StaffTask task, City city) =>
        city.Offices.Where(o => MayDoAt(task, o.Id));
}
