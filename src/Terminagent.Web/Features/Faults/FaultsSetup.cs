namespace Terminagent.Web.Features.Faults;

/// <summary>How the app answers while something it depends on is down.</summary>
public static class FaultsSetup
{
    public static IServiceCollection AddFaults(this IServiceCollection services)
    {
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return services;
    }
}
