namespace Terminagent.Web.Features.Kiosk;

/// <summary>The services, page rules and endpoints of walk-ins drawing same-day tickets.</summary>
public static class KioskSetup
{
    /// <summary>
    /// The kiosk pages need no staff sign-in: each checks the device cookie an office manager's
    /// token put on the kiosk (see <see cref="KioskPageModel"/>).
    /// </summary>
    public static IServiceCollection AddKiosk(this IServiceCollection services) =>
        services.AddScoped<TicketService>();
}
