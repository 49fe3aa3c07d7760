using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>The services, page rules and endpoints of administrators managing staff accounts.</summary>
public static class StaffAccountsSetup
{
    public static IServiceCollection AddStaffAccountsAdministration(this IServiceCollection services) =>
        services.ConfigurePages(pages => pages.RequireStaffTask("/StaffAccounts", StaffTask.ManageStaff));
}
