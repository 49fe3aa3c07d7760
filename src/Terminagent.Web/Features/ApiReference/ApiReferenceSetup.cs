using System.IO.Compression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace Terminagent.Web.Features.ApiReference;

/// <summary>
/// The API reference at /api: a page of this app that renders the served OpenAPI document with
/// Scalar's bundle, which Scalar.AspNetCore ships inside its assembly. Served from here, the page
/// needs no CDN and runs no inline script.
/// </summary>
public static class ApiReferenceSetup
{
    public const string PagePath = "/api";
    public const string BundlePath = "/api/reference/scalar.js";
    public const string DocumentPath = "/openapi/v1.json";

    // Scalar.AspNetCore's own asset folder; its release builds keep the files gzipped.
    private static readonly EmbeddedFileProvider Assets = new(typeof(ScalarOptions).Assembly, "ScalarStaticAssets");

    public static bool IsPage(PathString path) =>
        path.Value is { } value && string.Equals(value.TrimEnd('/'), PagePath, StringComparison.OrdinalIgnoreCase);

    public static void MapApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(BundlePath, ServeBundle).ExcludeFromDescription();

    private static IResult ServeBundle(HttpContext http)
    {
        var bundle = Assets.GetFileInfo("scalar.js");
        if (!bundle.Exists)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (AcceptsGzip(http.Request))
        {
            http.Response.Headers.ContentEncoding = "gzip";
            return Results.Stream(bundle.CreateReadStream(), "text/javascript; charset=utf-8");
        }

        return Results.Stream(new GZipStream(bundle.CreateReadStream(), CompressionMode.Decompress), "text/javascript; charset=utf-8");
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding.OfType<string>().ToList(), out var codings)
        && codings.Any(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (c.Quality ?? 1) > 0);
}
