using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Terminagent.Web.Configuration;
using Terminagent.Web.Database;
using Terminagent.Web.Email;
using Terminagent.Web.Features.Availability;
using Terminagent.Web.Features.Booking;
using Terminagent.Web.Features.Health;
using Terminagent.Web.Features.Offices;
using Terminagent.Web.Features.Schedule;
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Clock>();

        services.AddOptions<CityOptions>().BindConfiguration(CityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CityOptions>, CityOptionsValidator>();
        services.AddSingleton(sp => CityFactory.Build(sp.GetRequiredService<IOptions<CityOptions>>().Value).City!);
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "App:PublicBaseUrl must be an absolute http(s) address, e.g. https://termine.example.org")
            .ValidateOnStart();

        services.AddTerminagentDatabase(configuration);
        services.AddHostedService<StartupPreparation>();
        services.AddTerminagentEmail(configuration);

        services.AddHttpContextAccessor();
        services.AddScoped<Language>();
        services.AddSingleton<ScheduleSync>();
        services.AddScoped<AffectedBookings>();
        services.AddSingleton<BookingEmails>();
        services.AddScoped<AvailabilityQuery>();
        services.AddScoped<BookingService>();

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddHostedService<ScheduleWorker>();
        services.AddHostedService<HoldExpiryWorker>();

        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
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
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapLanguageSwitch();
        var api = app.MapGroup("/api/v1");
        api.MapOfficesApi();
        api.MapAvailabilityApi();
        api.MapBookingApi();
    }
}
