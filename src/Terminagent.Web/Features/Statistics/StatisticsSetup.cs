using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Prometheus;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Statistics;

/// <summary>The statistics page and its CSV exports (office managers and administrators), and Prometheus' /metrics (this machine only unless configured).</summary>
public static class StatisticsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddSingleton<StatisticsMetrics>();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<MetricsAccess>();
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
    /// app's gauges, for the operator only (see <see cref="MetricsAccess"/>).
    /// </summary>
    private static async Task ScrapeAsync(HttpContext http, StatisticsMetrics metrics, MetricsAccess access, CancellationToken ct)
    {
        // A refusal here is for a scraper, not a person: no error page, and no figure in it.
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        switch (access.Decide(http))
        {
            case MetricsAccessDecision.NotHere:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            case MetricsAccessDecision.TokenMissing:
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
}
