namespace Terminagent.Web.Features.CallDisplay;

/// <summary>
/// The endpoints of the waiting-area screen. No folder policy: a call display is a device without
/// a staff session. The page and the stream let in a display bound to the office or staff who work there.
/// </summary>
public static class CallDisplaySetup
{
    public static void MapCallDisplay(this IEndpointRouteBuilder app) =>
        app.MapGet("/display/{office}/events", CallStream.StreamAsync)
            .WithName("CallDisplayEvents")
            .ExcludeFromDescription();
}
