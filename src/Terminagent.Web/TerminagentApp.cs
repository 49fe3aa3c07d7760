using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Terminagent.Data;
using Terminagent.Web.Configuration;
using Terminagent.Web.Database;
using Terminagent.Web.Email;
using Terminagent.Web.Features.Abuse;
using Terminagent.Web.Features.Administration;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.Booking;
using Terminagent.Web.Features.CallDisplay;
using Terminagent.Web.Features.Caps;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Features.Faults;
using Terminagent.Web.Features.Health;
using Terminagent.Web.Features.Infoline;
using Terminagent.Web.Features.Input;
using Terminagent.Web.Features.Kiosk;
using Terminagent.Web.Features.Offices;
using Terminagent.Web.Features.Privacy;
using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Features.StaffAccounts;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Localization;
using Terminagent.Web.Time;
using Terminagent.Web.Workers;

namespace Terminagent.Web;

public static class TerminagentApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var cityFile = builder.Configuration["CityFile"] ?? Path.Combine(builder.Environment.ContentRootPath, "city.json");
        builder.Configuration.AddJsonFile(cityFile, optional: false, reloadOnChange: false);
        ConfigureServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(ShiftedTimeProvider.FromConfiguration(configuration));
        services.AddSingleton<Clock>();

        services.AddOptions<CityOptions>().BindConfiguration(CityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CityOptions>, CityOptionsValidator>();
        services.AddSingleton<CityCatalog>();

        // The version in force when the request (or the worker's round) began, the same throughout it.
        services.AddScoped(sp => sp.GetRequiredService<CityCatalog>().Current);
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "App:PublicBaseUrl must be an absolute http(s) address, e.g. https://termine.example.org")
            .ValidateOnStart();

        services.AddTerminagentDatabase(configuration);
        services.AddHostedService<StartupPreparation>();
        services.AddTerminagentEmail(configuration);

        // Instances behind one load balancer must read each other's form tokens and cookies.
        services.AddDataProtection().SetApplicationName("Terminagent").PersistKeysToDbContext<TerminagentDb>();
        services.AddHttpContextAccessor();
        services.AddScoped<Language>();
        services.AddSingleton<ScheduleSync>();
        services.AddScoped<AffectedBookings>();
        services.AddSingleton<BookingEmails>();
        services.AddScoped<AvailabilityQuery>();
        services.AddScoped<BookingService>();
        services.AddSingleton<AgentEmails>();
        services.AddScoped<AgentEngine>();
        services.AddScoped<WishService>();
        services.AddScoped<OfferService>();
        services.AddSingleton<ReleaseAgent>();
        services.AddScoped<AgentCounts>();
        services.AddScoped<OfficeDayCounts>();
        services.AddScoped<Retention>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Days is >= 1 and <= 3650, "Retention:Days must be between 1 and 3650.")
            .ValidateOnStart();

        services.AddStaffAccounts();
        services.AddScoped<DeviceRegistry>();
        services.AddStaffAccountsAdministration();
        services.AddAdministration();
        services.AddDevices();
        services.AddInfoline();
        services.AddKiosk();
        services.AddCounter();
        services.AddCallDisplay();
        services.AddStatistics();
        services.AddCaps();
        services.AddPrivacy();
        services.AddFaults();
        services.AddInput(configuration);
        services.AddAbuseDefence();

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddHostedService<ScheduleWorker>();
        services.AddHostedService<CityRefreshWorker>();
        services.AddHostedService<HoldExpiryWorker>();
        services.AddHostedService<AgentWorker>();
        services.AddHostedService<RetentionWorker>();

        services.AddRazorPages(o => o.RootDirectory = "/Features");

        // German pages full of umlauts: write them as they are, not as &#xFC; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealth();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Language.Supported[0]);
            o.SupportedCultures = Language.Supported;
            o.SupportedUICultures = Language.Supported;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
            ];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
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
        app.UseStaticFiles();
        app.UseInput();
        app.UseRateLimits();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi();
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
    }
}
