using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Prometheus;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Statistics;

/// <summary>The statistics page and its CSV exports (office managers and administrators), and Prometheus' /metrics.</summary>
public static class StatisticsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddSingleton<StatisticsMetrics>();
        return services.ConfigurePages(pages => pages.RequireStaffTask("/Statistics", StaffTask.ViewStatistics));
    }

    public static void MapStatistics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/statistics/export/{table}.csv", CsvExport.ExportAsync)
            .RequireStaffTask(StaffTask.ViewStatistics)
            .ExcludeFromDescription();
        endpoints.MapGet(MetricsPath, ScrapeAsync).ExcludeFromDescription();
    }

    /// <summary>
    /// prometheus-net's own figures (process, .NET, and ASP.NET Core's HTTP meters) followed by this
    /// app's gauges. With <c>Metrics:Token</c> set, only a scraper sending it as bearer token gets them.
    /// </summary>
    private static async Task ScrapeAsync(HttpContext http, StatisticsMetrics metrics, IConfiguration configuration, CancellationToken ct)
    {
        // A refusal here is for a scraper, not a person: no error page.
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        if (configuration["Metrics:Token"] is { Length: > 0 } token && !HasBearer(http, token))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        await metrics.RefreshAsync(ct);
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, ct);
        await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, ct);
    }

    private static bool HasBearer(HttpContext http, string token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
