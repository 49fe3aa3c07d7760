namespace Terminagent.Web.Features.CallDisplay;

/// <summary>The services, page rules and endpoints of the waiting-area screen.</summary>
public static class CallDisplaySetup
{
    public static IServiceCollection AddCallDisplay(this IServiceCollection services) => services;

    public static void MapCallDisplay(this IEndpointRouteBuilder app)
    {
    }
}
