using System.Globalization;
using System.Text.Encodings.Web;
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
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page(lang, decision), context.RequestAborted);
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

    private static string Page(Language lang, RateDecision decision)
    {
        var seconds = decision.RetryAfterSeconds;
        var wait = seconds < 120
            ? lang.L($"{seconds} Sekunden", $"{seconds} seconds")
            : lang.L($"{(seconds + 59) / 60} Minuten", $"{(seconds + 59) / 60} minutes");
        var what = decision.Policy == "email"
            ? lang.L(
                "Für diese E-Mail-Adresse wurden in kurzer Zeit sehr viele Termine oder Terminwünsche angefragt.",
                "Very many appointments or wishes were asked for with this email address in a short time.")
            : lang.L(
                "Von Ihrem Internetanschluss kamen in kurzer Zeit sehr viele Anfragen.",
                "Very many requests came from your internet connection in a short time.");
        var html = Encoder;
        return $"""
            <!DOCTYPE html>
            <html lang="{lang.Code}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(lang.L("Zu viele Anfragen", "Too many requests"))}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main id="main" class="wrap">
            <h1>{html.Encode(lang.L("Zu viele Anfragen", "Too many requests"))}</h1>
            <div class="message-error" role="alert">
            <p>{html.Encode(what)} {html.Encode(lang.L("Zum Schutz vor automatisierten Buchungen nehmen wir gerade keine weiteren an. Es wurde nichts geändert.", "To protect against automated bookings we accept no more for now. Nothing was changed."))}</p>
            </div>
            <p>{html.Encode(lang.L($"Bitte versuchen Sie es in {wait} noch einmal.", $"Please try again in {wait}."))}</p>
            <p>{html.Encode(lang.L("Ihre Eingaben sind nicht verloren: Gehen Sie mit der Zurück-Taste Ihres Browsers zurück und senden Sie das Formular dann noch einmal ab.", "Your entries are not lost: go back with your browser's back button and send the form again then."))}</p>
            <p><a href="/">{html.Encode(lang.L("Zur Startseite", "To the start page"))}</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
