using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Counter;

/// <summary>The page rules and endpoints of clerks checking in and calling citizens.</summary>
public static class CounterSetup
{
    public static IServiceCollection AddCounter(this IServiceCollection services)
    {
        // Each page also checks the office: the policy only says the member works at some counter.
        services.ConfigurePages(pages => pages.RequireStaffTask("/Counter", StaffTask.WorkAtCounter));
        return services;
    }

    public static void MapCounter(this IEndpointRouteBuilder app) => app.MapCounterApi();
}
