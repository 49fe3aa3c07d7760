namespace Terminagent.Web.Features.Kiosk;

/// <summary>The services, page rules and endpoints of walk-ins drawing same-day tickets.</summary>
public static class KioskSetup
{
    public static IServiceCollection AddKiosk(this IServiceCollection services) => services;

    public static void MapKiosk(this IEndpointRouteBuilder app)
    {
    }
}
