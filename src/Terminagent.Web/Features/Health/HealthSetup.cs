using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Terminagent.Web.Features.Health;

/// <summary>
/// /health: the load balancer's cheap probe (the database only, plain text). /health/ready: every
/// check with its status as JSON, for operators and monitoring; mail and a backlog of unsent
/// emails degrade it without failing it.
/// </summary>
public static class HealthSetup
{
    private const string Detailed = "detailed";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MailHealthCheck>("mail", tags: [Detailed])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [Detailed]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => !c.Tags.Contains(Detailed) });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });
    }

    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = Math.Round(e.Value.Duration.TotalMilliseconds) }),
        }));
    }
}
