using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Terminagent.Web.Features.Shared;

/// <summary>
/// The site's icon, one SVG that every layout links with its version in the address, so browsers
/// may keep it for a year. Browsers that ask for /favicon.ico on their own are sent to it.
/// </summary>
public static class Favicon
{
    public const string Path = "/favicon.svg";

    /// <summary>Static files as before; the icon with a long cache, for a year when its address carries the version.</summary>
    public static StaticFileOptions StaticFiles() => new()
    {
        OnPrepareResponse = context =>
        {
            if (context.Context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=86400";
            }
        },
    };

    public static void MapFavicon(this IEndpointRouteBuilder app) =>
        app.MapGet("/favicon.ico", (HttpContext http, IFileVersionProvider versions) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return TypedResults.Redirect(versions.AddFileVersionToPath(http.Request.PathBase, Path), permanent: true);
            })
            .ExcludeFromDescription();
}
