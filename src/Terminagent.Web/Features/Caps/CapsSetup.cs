namespace Terminagent.Web.Features.Caps;

public static class CapsSetup
{
    public static IServiceCollection AddCaps(this IServiceCollection services)
    {
        services.AddScoped<CitizenCaps>();
        services.AddOptions<CitizenCapOptions>().BindConfiguration(CitizenCapOptions.Section)
            .Validate(o => o.BookingsPerEmailAndService is >= 1 and <= 100, "Caps:BookingsPerEmailAndService must be between 1 and 100.")
            .Validate(o => o.PendingWishesPerEmailAndService is >= 1 and <= 100, "Caps:PendingWishesPerEmailAndService must be between 1 and 100.")
            .ValidateOnStart();
        return services;
    }
}
