using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Terminagent.Web.Features.Faults;

/// <summary>
/// The API's answer while the database cannot be reached: 503 ProblemDetails with Retry-After.
/// Pages get theirs from the error page, which looks at the same exception.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFaults.IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Path, exception.GetType().Name);
        DatabaseFaults.ForgetBrokenConnections(exception);
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is disrupted",
                Detail = "The database cannot be reached right now. Nothing was changed. Please try again in a minute.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached; answered {Path} with 503 ({ErrorType})")]
    private static partial void LogUnavailable(ILogger logger, PathString path, string errorType);
}
