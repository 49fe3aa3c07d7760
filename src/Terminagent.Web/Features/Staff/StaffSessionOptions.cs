using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// How long a staff session lasts (<c>StaffSessions</c> in the configuration): it ends after
/// <see cref="IdleTimeout"/> without a request, and in any case <see cref="AbsoluteLifetime"/>
/// after signing in, however busy; then the member of staff signs in again.
/// </summary>
public sealed class StaffSessionOptions
{
    public const string Section = "StaffSessions";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>The cookie's events that hold a session to <see cref="StaffSessionOptions"/>, on the app's clock.</summary>
internal static class StaffSessionLifetime
{
    /// <summary>When the session began, kept in the cookie's properties: sliding renewals and refreshes keep it, a new sign-in sets it anew.</summary>
    public const string SignedInAtKey = "terminagent:signed-in-at";

    public static void Configure(CookieAuthenticationOptions cookie, StaffSessionOptions sessions)
    {
        cookie.ExpireTimeSpan = sessions.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.Events.OnSigningIn = context =>
        {
            if (!context.Properties.Items.ContainsKey(SignedInAtKey))
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<Clock>().Provider.GetUtcNow();
                context.Properties.Items[SignedInAtKey] = now.ToString("O", CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<Clock>().Provider.GetUtcNow();
            var lifetime = context.HttpContext.RequestServices.GetRequiredService<IOptions<StaffSessionOptions>>().Value.AbsoluteLifetime;
            if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var text)
                || !DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                || now - signedInAt >= lifetime)
            {
                // Past the session's lifetime (or from before it was kept): sign in again.
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }
}
