using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.WebEncoders;
using Terminagent.Data;
using Terminagent.Engine;
using Terminagent.Engine.Cities;
using Terminagent.Web.Database;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Administration;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Features.ApiReference;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.Bookings;
using Terminagent.Web.Features.CallDisplay;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Features.Faults;
using Terminagent.Web.Features.Health;
using Terminagent.Web.Features.Infoline;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Offices;
using Terminagent.Web.Features.OpenApi.Document;
using Terminagent.Web.Features.Privacy;
using Terminagent.Web.Features.Shared;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Features.StaffAccounts;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Localization;
using Terminagent.Web.Workers;

namespace Terminagent.Web;

public static class TerminagentApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var cityFile = builder.Configuration["CityFile"] ?? CityCatalog.DemoCityFile;
        builder.Configuration.AddJsonFile(cityFile, optional: false, reloadOnChange: false);
        ConfigureServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTerminagentEngine(configuration);
        services.AddHostedService<StartupPreparation>();

        // Instances behind one load balancer must read each other's form tokens and cookies.
        services.AddDataProtection().SetApplicationName("Terminagent").PersistKeysToDbContext<TerminagentDb>();
        services.AddHttpContextAccessor();
        services.AddScoped<Language>();
        services.AddScoped<AgentCounts>();
        services.AddScoped<OfficeDayCounts>();

        services.AddStaffAccounts();
        services.AddScoped<DeviceRegistry>();
        services.AddStaffAccountsAdministration();
        services.AddAdministration();
        services.AddDevices();
        services.AddInfoline();
        services.AddCounter();
        services.AddStatistics();
        services.AddFaults();
        services.AddInput(configuration);
        services.AddAbuseDefence();

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddHostedService<RoundsWorker>();

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.MarkStaffPages();
        }).AddViewLocalization();

        // German pages full of umlauts: write them as they are, not as &#xFC; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // An unreadable body is a 400 in every environment (Development would otherwise throw and
        // answer 500), and every problem carries a code clients can switch on.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCode(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode)));
        services.AddApiDocument();
        services.AddHealth();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Language.Supported[0]);
            o.SupportedCultures = Language.Supported;
            o.SupportedUICultures = Language.Supported;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        services.AddLanguageLinks();
        services.AddLocalization();
    }

    public static void Configure(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseClientAddress();

        // Before the error pages, so a re-executed error page keeps the language of the request.
        app.UseRequestLocalization();

        // The API answers in ProblemDetails; people get a page in their language.
        app.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api"),
            api =>
            {
                api.UseExceptionHandler();
                api.UseStatusCodePages();
            });
        app.UseWhen(
            c => !c.Request.Path.StartsWithSegments("/api"),
            pages =>
            {
                pages.UseExceptionHandler("/error/500");
                pages.UseStatusCodePagesWithReExecute("/error/{0}");
            });
        app.UseRequestLineLimit();
        app.UseStaticFiles(Favicon.StaticFiles());
        app.UseInput();
        app.UseRateLimits();
        app.UseRouting();
        app.UseStaffLanguages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestActor();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapHealth();
        app.MapLanguageSwitch();
        var api = app.MapGroup("/api/v1");
        api.MapOfficesApi();
        api.MapAvailabilityApi();
        api.MapBookingApi();
        api.MapAgentApi();
        api.MapAgentCountsApi();
        api.MapOfficeDayCountsApi();
        app.MapCounter();
        app.MapCallDisplay();
        app.MapStatistics();
        app.MapPrivacy();
        app.MapAbuseDefence();
        app.MapFavicon();
    }

    /// <summary>The code of a problem nothing more specific named: "InvalidRequest" for a 400, else the status's name ("NotFound", "UnsupportedMediaType").</summary>
    internal static string ProblemCode(int status) =>
        status == StatusCodes.Status400BadRequest ? "InvalidRequest" : ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal) is { Length: > 0 } name ? name : $"Status{status}";
}
