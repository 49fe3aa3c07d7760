namespace Terminagent.Web;

/// <summary>How long browsers remember to use HTTPS only (Strict-Transport-Security), from configuration "Security:HstsMaxAgeDays".</summary>
public sealed class SecurityHeaderOptions
{
    public const string Section = "Security";

    /// <summary>One year by default; 0 switches HSTS off (e.g. while trying TLS out).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;
}

public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// The API reference (/api) only: Scalar's bundle (served by this app) writes its styles into
    /// style elements and attributes at run time, which 'self' alone forbids. Scripts stay 'self'.
    /// </summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// Links in emails carry secrets in their path, so no page may leak its address through the
    /// Referer header; pages run no inline script and may not be framed. Set before anything
    /// else runs, so error pages, the API and static files carry them too. HSTS only over HTTPS
    /// (behind a proxy: the forwarded scheme), never on plain HTTP where it means nothing.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection(SecurityHeaderOptions.Section).Get<SecurityHeaderOptions>()
            ?? new SecurityHeaderOptions();
        var hsts = $"max-age={(long)options.HstsMaxAgeDays * 24 * 3600}; includeSubDomains";
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Content-Security-Policy"] = Features.ApiReference.ApiReferenceSetup.IsPage(context.Request.Path) ? ApiReferencePolicy : Policy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.IsHttps && options.HstsMaxAgeDays > 0)
            {
                headers.StrictTransportSecurity = hsts;
            }

            await next();
        });
    }
}
