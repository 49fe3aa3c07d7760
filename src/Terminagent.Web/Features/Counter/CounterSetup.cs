using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Workers;

namespace Terminagent.Web.Features.Counter;

/// <summary>The services, page rules and endpoints of clerks checking in and calling citizens.</summary>
public static class CounterSetup
{
    public static IServiceCollection AddCounter(this IServiceCollection services)
    {
        services.AddOptions<OfficeDayOptions>().BindConfiguration(OfficeDayOptions.Section)
            .Validate(o => o.NoShowAfterMinutes is >= 1 and <= 240, "OfficeDay:NoShowAfterMinutes must be between 1 and 240.")
            .ValidateOnStart();
        services.AddScoped<CheckInService>();
        services.AddScoped<CounterService>();
        services.AddScoped<OfficeQueueQuery>();
        services.AddScoped<NoShowRule>();
        services.AddHostedService<NoShowWorker>();

        // Each page also checks the office: the policy only says the member works at some counter.
        services.ConfigurePages(pages => pages.RequireStaffTask("/Counter", StaffTask.WorkAtCounter));
        return services;
    }

    public static void MapCounter(this IEndpointRouteBuilder app) => app.MapCounterApi();
}
