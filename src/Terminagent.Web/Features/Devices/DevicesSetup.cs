using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>The services, page rules and endpoints of office managers issuing kiosk and display tokens.</summary>
public static class DevicesSetup
{
    public static IServiceCollection AddDevices(this IServiceCollection services) =>
        services.ConfigurePages(pages =>
        {
            pages.RequireStaffTask("/Devices", StaffTask.ManageDevices);

            // The tablet being set up has no staff session: the token in the link is its proof.
            pages.AllowAnonymousToPage("/Devices/Activate");
        });
}
