using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Terminagent.Web.Features.Input;

/// <summary>How much a request may carry, set in one place.</summary>
public sealed class InputLimits
{
    public const string Section = "Input";

    /// <summary>The largest body: the biggest form (an office's week in administration) is a few kilobytes.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The longest single form value: a city settings text, never a citizen's name.</summary>
    public int MaxFormValueLength { get; set; } = 16 * 1024;

    /// <summary>The most form fields in one post.</summary>
    public int MaxFormValueCount { get; set; } = 500;

    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>The longest request line (method, path and query): the app refuses a longer one with a 414 that says so.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;
}

/// <summary>
/// Bad input is refused at the door with a plain 4xx: bodies, forms and headers have sensible
/// limits, and a page asked for a handler it does not have answers 404/405 instead of rendering
/// half-made.
/// </summary>
public static class InputSetup
{
    /// <summary>
    /// Kestrel's own wall for the request line, far above <see cref="InputLimits.MaxRequestLineBytes"/>.
    /// Kestrel refuses a line over its limit before any middleware runs, with an empty answer that
    /// no app can change; so the app enforces its limit itself, with an answer that says what is
    /// wrong, and Kestrel only stops what no client sends by mistake.
    /// </summary>
    public const int KestrelRequestLineWall = 64 * 1024;

    /// <summary>Log categories that write request paths, route values or SQL parameters.</summary>
    public static readonly string[] QuietCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.StaticFiles", "Microsoft.AspNetCore.Http.Result", "Microsoft.AspNetCore.Http.RequestDelegateFactory",
        "Microsoft.EntityFrameworkCore.Database.Command", "Microsoft.AspNetCore.Antiforgery", "Microsoft.AspNetCore.Authentication",
    ];

    public static IServiceCollection AddInput(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(InputLimits.Section).Get<InputLimits>() ?? new InputLimits();
        services.AddOptions<InputLimits>().BindConfiguration(InputLimits.Section);
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            o.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
            o.Limits.MaxRequestLineSize = Math.Max(limits.MaxRequestLineBytes, KestrelRequestLineWall);
            o.AddServerHeader = false;
        });
        services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = limits.MaxFormValueLength;
            o.ValueCountLimit = limits.MaxFormValueCount;
            o.MultipartBodyLengthLimit = limits.MaxBodyBytes;
            o.BufferBodyLengthLimit = limits.MaxBodyBytes;
        });
        services.Configure<MvcOptions>(o => o.Filters.Add(new HandlerRequired()));

        // Request paths carry link tokens (/termin/{token}, /api/v1/bookings/{token}) and SQL
        // parameters carry names and addresses: these categories never log below Warning, whatever
        // the default level (appsettings.json says the same; this holds when it is missing).
        services.AddLogging(logging =>
        {
            foreach (var category in QuietCategories)
            {
                logging.AddFilter(category, LogLevel.Warning);
            }
        });
        return services;
    }

    /// <summary>
    /// The staff API is driven by a signed-in browser's cookie, which SameSite=Strict keeps from
    /// other sites; as a second wall it refuses what a cross-site form or a no-preflight fetch can
    /// send (form, multipart, text/plain bodies) on anything but GET/HEAD: 415, nothing done.
    /// </summary>
    public static IApplicationBuilder UseInput(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api/v1/staff")
                && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && IsCrossSiteSendable(request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }

            // A body in a charset .NET cannot read (utf-7, made-up names) would throw deep in the
            // JSON or form reader: refuse it at the door.
            if (!HasReadableCharset(request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }

            await next();
        });

    /// <summary>
    /// A request line over <see cref="InputLimits.MaxRequestLineBytes"/> answers 414, inside the
    /// error pages, so the answer says what is wrong (see <see cref="KestrelRequestLineWall"/>).
    /// Before the static files, which would ignore the query.
    /// </summary>
    public static IApplicationBuilder UseRequestLineLimit(this IApplicationBuilder app)
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<InputLimits>>().Value.MaxRequestLineBytes;
        return app.Use(async (context, next) =>
        {
            // The error page re-executed for the refusal comes with the same request line.
            if (RequestLineLength(context) > limit && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return;
            }

            await next();
        });
    }

    /// <summary>The request line as Kestrel counts it: method, target, protocol, and the spaces and line end between.</summary>
    private static int RequestLineLength(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase + request.Path + request.QueryString;
        return request.Method.Length + 1 + System.Text.Encoding.UTF8.GetByteCount(target) + 1 + request.Protocol.Length + 2;
    }

    private static bool HasReadableCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.Charset.HasValue)
        {
            return true;
        }

        try
        {
            _ = System.Text.Encoding.GetEncoding(media.Charset.Value!.Trim('"'));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool IsCrossSiteSendable(string? contentType)
    {
        var media = (contentType ?? "").Split(';')[0].Trim();
        return media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }
}
