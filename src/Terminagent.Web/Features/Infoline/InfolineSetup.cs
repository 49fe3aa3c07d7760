namespace Terminagent.Web.Features.Infoline;

/// <summary>The services, page rules and endpoints of callers of the city's phone service.</summary>
public static class InfolineSetup
{
    public static IServiceCollection AddInfoline(this IServiceCollection services) => services;

    public static void MapInfoline(this IEndpointRouteBuilder app)
    {
    }
}
