using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Infoline;

/// <summary>The services, page rules and endpoints of callers of the city's phone service.</summary>
public static class InfolineSetup
{
    public static IServiceCollection AddInfoline(this IServiceCollection services)
    {
        services.AddScoped<InfolineService>();

        // Every page under /infoline books, looks up and answers for callers at every office.
        // PostConfigure: AddRazorPages (called after this) sets up a fresh convention collection
        // in its own options setup, which would drop a convention added by a plain Configure.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.RequireStaffTask("/Infoline", StaffTask.AnswerCalls));
        return services;
    }

    public static void MapInfoline(this IEndpointRouteBuilder app)
    {
    }
}
