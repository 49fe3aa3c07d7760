using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Infoline;

/// <summary>The page rules of callers of the city's phone service.</summary>
public static class InfolineSetup
{
    public static IServiceCollection AddInfoline(this IServiceCollection services)
    {
        // Every page under /infoline books, looks up and answers for callers at every office.
        services.ConfigurePages(pages => pages.RequireStaffTask("/Infoline", StaffTask.AnswerCalls));
        return services;
    }
}
