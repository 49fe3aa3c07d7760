using Terminagent.Web.Features.OpenApi;

namespace Terminagent.Web.Features.CallDisplay;

/// <summary>
/// The endpoints of the waiting-area screen. No folder policy: a call display is a device without
/// a staff session. The page and the stream let in a display bound to the office or staff who work there.
/// </summary>
public static class CallDisplaySetup
{
    public static void MapCallDisplay(this IEndpointRouteBuilder app) =>
        app.MapGet("/display/{office}/events", CallStream.StreamAsync)
            .WithName("CallDisplayEvents").WithTags("Call display")
            .WithSummary("The office's calls as Server-Sent Events, for the screen in its waiting area.")
            .WithDescription(
                "Each event carries one call as JSON (label, counter, time) and the call's id as event id: a client that reconnects with " +
                "Last-Event-ID gets exactly the calls it missed. A comment line every 15 seconds keeps the connection open. " +
                "A counter page adds ?queue= with the stamp of the queue it shows and then also gets an event \"queue\" (data: the new stamp, no id) " +
                "whenever today's queue changes: a ticket drawn, a check-in, a call or a clerk's action. " +
                "Open to a call display bound to the office and to staff who work at its counters or set up its devices.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status404NotFound)
            .SecuredBy(ApiAnswers.DisplayDevice, ApiAnswers.StaffSession)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // A device, not a program, reads these: the refusals are the plain error pages.
                operation.Responses?["403"].Description = "Neither a call display bound to this office nor a member of staff who works there.";
                operation.Responses?["404"].Description = "The office does not exist.";
                if (operation.Responses?["200"].Content?.TryGetValue("text/event-stream", out var stream) == true)
                {
                    stream.Example = $"retry: {CallStream.RetryMilliseconds}\n\nid: 4711\nevent: call\ndata: " +
                        """{"id":4711,"visitId":"e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a05","label":"A012","counter":"3","counterName":"Schalter 3","time":"08:05"}""" +
                        "\n\n";
                }

                return Task.CompletedTask;
            });
}
