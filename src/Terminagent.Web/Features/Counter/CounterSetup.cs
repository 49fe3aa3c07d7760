namespace Terminagent.Web.Features.Counter;

/// <summary>The services, page rules and endpoints of clerks checking in and calling citizens.</summary>
public static class CounterSetup
{
    public static IServiceCollection AddCounter(this IServiceCollection services) =>
        services.AddScoped<CheckInService>();

    public static void MapCounter(this IEndpointRouteBuilder app)
    {
    }
}
