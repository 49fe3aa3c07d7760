using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Engine.Abuse;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Caps;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Database;
using Terminagent.Engine.Email;
using Terminagent.Engine.Infoline;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Places;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Rounds;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Statistics;
using Terminagent.Engine.Time;

namespace Terminagent.Engine;

public static class EngineRegistration
{
    /// <summary>
    /// Everything the engine needs, bound to <paramref name="configuration"/> and validated at start:
    /// the clock, the city, the database, email, every feature's operations and the workers' rounds.
    /// The host adds its own surface (pages, a command line, a simulated city) and sets the actor
    /// of each scope in <see cref="ActorScope"/>.
    /// </summary>
    public static IServiceCollection AddTerminagentEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(DemoStart.ClockFrom(configuration));
        services.TryAddSingleton<Clock>();
        services.AddLocalization();

        services.AddOptions<CityOptions>().BindConfiguration(CityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CityOptions>, CityOptionsValidator>();
        services.AddSingleton<CityCatalog>();

        // The version in force when the scope (a request, a round) began, the same throughout it.
        services.AddScoped(sp => sp.GetRequiredService<CityCatalog>().Current);
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "App:PublicBaseUrl must be an absolute http(s) address, e.g. https://termine.example.org")
            .ValidateOnStart();

        services.AddTerminagentDatabase(configuration);
        services.AddTerminagentEmail(configuration);

        services.AddScoped<ActorScope>();
        services.AddScoped<AuditLog>();

        services.AddSingleton<ScheduleSync>();
        services.AddScoped<AffectedBookings>();
        services.AddScoped<ScheduleImpact>();
        services.AddScoped<ScheduleChangeNotices>();
        services.AddScoped<CityChanges>();

        services.AddSingleton<BookingEmails>();
        services.AddOptions<AvailabilityOptions>().BindConfiguration(AvailabilityOptions.Section)
            .Validate(o => o.FullReloadEvery >= TimeSpan.FromSeconds(10), "Availability:FullReloadEvery must be at least 00:00:10.")
            .ValidateOnStart();
        services.AddSingleton<FreePlaceIndex>();
        services.AddScoped<AvailabilityQuery>();
        services.AddScoped<BookingService>();

        services.AddSingleton<AgentEmails>();
        services.AddScoped<AgentEngine>();
        services.AddScoped<IFirstClaim>(sp => sp.GetRequiredService<AgentEngine>());
        services.AddScoped<FreedPlaces>();
        services.AddScoped<WishService>();
        services.AddSingleton<WaitHistoryCache>();
        services.AddScoped<WaitEstimates>();
        services.AddScoped<OfferService>();
        services.AddSingleton<ReleaseAgent>();

        services.AddScoped<InfolineService>();

        services.AddOptions<OfficeDayOptions>().BindConfiguration(OfficeDayOptions.Section)
            .Validate(o => o.NoShowAfterMinutes is >= 1 and <= 240, "OfficeDay:NoShowAfterMinutes must be between 1 and 240.")
            .ValidateOnStart();
        services.AddScoped<TicketService>();
        services.AddScoped<CheckInService>();
        services.AddScoped<CounterService>();
        services.AddScoped<OfficeQueueQuery>();
        services.AddScoped<NoShowRule>();
        services.AddSingleton<NoShowProgress>();
        services.AddSingleton<CallBoard>();
        services.AddScoped<CallFeed>();

        services.AddScoped<CitizenCaps>();
        services.AddOptions<CitizenCapOptions>().BindConfiguration(CitizenCapOptions.Section)
            .Validate(o => o.BookingsPerEmailAndService is >= 1 and <= 100, "Caps:BookingsPerEmailAndService must be between 1 and 100.")
            .Validate(o => o.PendingWishesPerEmailAndService is >= 1 and <= 100, "Caps:PendingWishesPerEmailAndService must be between 1 and 100.")
            .ValidateOnStart();

        services.AddScoped<CitizenData>();
        services.AddScoped<CitizenErasure>();
        services.AddScoped<Retention>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Days is >= 1 and <= 3650, "Retention:Days must be between 1 and 3650.")
            .ValidateOnStart();

        // Rate counters are shared by every instance on PostgreSQL; SQLite runs one instance, so memory serves.
        services.AddOptions<RateCounterOptions>().BindConfiguration(RateCounterOptions.Section)
            .Validate(o => o.ShareEvery >= TimeSpan.Zero && o.ShareEvery <= TimeSpan.FromMinutes(1), "RateLimits:ShareEvery must be between 00:00:00 and 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<MemoryRateCounters>();
        services.AddSingleton<SharedRateCounters>();
        services.AddSingleton<IRateCounters>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<SharedRateCounters>()
                : sp.GetRequiredService<MemoryRateCounters>());
        services.AddScoped<AbuseCleanup>();

        services.AddScoped<StatisticsQuery>();

        services.AddSingleton<EngineRounds>();
        services.AddSingleton<RoundRunner>();
        return services;
    }
}
