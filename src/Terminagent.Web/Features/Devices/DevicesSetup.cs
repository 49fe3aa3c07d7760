namespace Terminagent.Web.Features.Devices;

/// <summary>The services, page rules and endpoints of office managers issuing kiosk and display tokens.</summary>
public static class DevicesSetup
{
    public static IServiceCollection AddDevices(this IServiceCollection services) => services;

    public static void MapDevices(this IEndpointRouteBuilder app)
    {
    }
}
