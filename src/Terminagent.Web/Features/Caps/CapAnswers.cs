using NodaTime;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Caps;

public static class CapAnswers
{
    /// <summary>Adds Retry-After, in whole seconds and at least one, when a cap was reached; the status code comes from the failure.</summary>
    public static void RetryAfter(HttpContext http, Instant? retryAt)
    {
        if (retryAt is { } at)
        {
            var now = http.RequestServices.GetRequiredService<Clock>().Now;
            var seconds = Math.Max(1, (long)Math.Ceiling((at - now).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
