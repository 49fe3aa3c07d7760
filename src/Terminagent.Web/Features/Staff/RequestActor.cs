using Microsoft.AspNetCore.Authorization;
using Terminagent.Engine.Audit;

namespace Terminagent.Web.Features.Staff;

/// <summary>Hands the engine who acts in a request (<see cref="ActorScope"/>).</summary>
public static class RequestActor
{
    /// <summary>After authorization, when the endpoint and the signed-in user are known.</summary>
    public static IApplicationBuilder UseRequestActor(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<ActorScope>().ActAs(Of(context));
            return next(context);
        });

    /// <summary>
    /// A member of staff on the staff area's pages and endpoints (those that require a staff policy);
    /// everyone else, staff on the citizens' pages included, acts as a citizen.
    /// </summary>
    public static Actor Of(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var staffRoute = endpoint is not null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(a => a.Policy?.StartsWith(StaffSetup.StaffPolicy, StringComparison.Ordinal) == true);
        return staffRoute && StaffMember.From(context.User) is { } member ? Actor.Staff(member.Id, member.Name) : Actor.Citizen;
    }
}
