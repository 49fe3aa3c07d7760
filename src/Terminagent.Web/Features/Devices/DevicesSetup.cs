using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>The services, page rules and endpoints of office managers issuing kiosk and display tokens.</summary>
public static class DevicesSetup
{
    public static IServiceCollection AddDevices(this IServiceCollection services) =>
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.RequireStaffTask("/Devices", StaffTask.ManageDevices);

            // The tablet being set up has no staff session: the token in the link is its proof.
            o.Conventions.AllowAnonymousToPage("/Devices/Activate");
        });

    public static void MapDevices(this IEndpointRouteBuilder app)
    {
    }
}
