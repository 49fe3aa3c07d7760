using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

/// <summary>The pages where administrators and office managers change offices, services and policies.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        // Each page checks the office itself; services are the whole city's and need more.
        return services.ConfigurePages(pages =>
        {
            pages.RequireStaffTask("/Administration", StaffTask.ManageOffices);
            pages.RequireStaffTask("/Administration/Services", StaffTask.ManageCity);
        });
    }
}
