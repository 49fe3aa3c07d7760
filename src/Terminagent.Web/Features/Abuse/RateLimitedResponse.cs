using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Abuse;

/// <summary>429 with Retry-After: ProblemDetails for the API, a plain page in the person's language otherwise.</summary>
public static class RateLimitedResponse
{
    // German as it is, not as &#xFC; entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static async Task WriteAsync(HttpContext context, RateDecision decision)
    {
        var seconds = decision.RetryAfterSeconds;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Problem(decision).ExecuteAsync(context);
            return;
        }

        var lang = context.RequestServices.GetRequiredService<Language>();
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<AbuseTexts>>();
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page(lang, t, decision), context.RequestAborted);
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(RateDecision decision)
    {
        var seconds = decision.RetryAfterSeconds;
        var who = decision.Policy == "email" ? "for this email address" : "from this client";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"Too many requests {who}. Nothing was changed. Try again in {seconds} seconds.",
            extensions: new Dictionary<string, object?> { ["code"] = "RateLimited", ["retryAfterSeconds"] = seconds });
    }

    private static string Page(Language lang, IStringLocalizer<AbuseTexts> t, RateDecision decision)
    {
        var seconds = decision.RetryAfterSeconds;
        var wait = seconds < 120 ? t["RateLimited.Seconds", seconds] : t["RateLimited.Minutes", (seconds + 59) / 60];
        var what = decision.Policy == "email" ? t["RateLimited.Email"] : t["RateLimited.Client"];
        var html = Encoder;
        return $"""
            <!DOCTYPE html>
            <html lang="{lang.Code}"{(lang.IsRightToLeft ? " dir=\"rtl\"" : "")}>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(t["RateLimited.Title"])}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main id="main" class="wrap">
            <h1>{html.Encode(t["RateLimited.Title"])}</h1>
            <div class="message-error" role="alert">
            <p>{html.Encode(what)} {html.Encode(t["RateLimited.Protect"])}</p>
            </div>
            <p>{html.Encode(t["RateLimited.TryAgain", wait])}</p>
            <p>{html.Encode(t["RateLimited.NotLost"])}</p>
            <p><a href="/">{html.Encode(t["RateLimited.ToStart"])}</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
