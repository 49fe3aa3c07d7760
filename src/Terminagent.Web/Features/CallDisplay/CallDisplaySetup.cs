namespace Terminagent.Web.Features.CallDisplay;

/// <summary>The services, page rules and endpoints of the waiting-area screen.</summary>
public static class CallDisplaySetup
{
    /// <summary>
    /// No folder policy: a call display is a device without a staff session. The page and the
    /// stream let in a display bound to the office or staff who work there.
    /// </summary>
    public static IServiceCollection AddCallDisplay(this IServiceCollection services) =>
        services
            .AddSingleton<CallBoard>()
            .AddScoped<CallFeed>();

    public static void MapCallDisplay(this IEndpointRouteBuilder app) =>
        app.MapGet("/display/{office}/events", CallStream.StreamAsync)
            .WithName("CallDisplayEvents")
            .ExcludeFromDescription();
}
