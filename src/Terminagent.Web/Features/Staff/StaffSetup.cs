using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Data.Staff;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Staff;

/// <summary>Staff accounts: ASP.NET Core Identity for passwords and lockout, a cookie for the session, one policy per task.</summary>
public static class StaffSetup
{
    public const string SignInPath = "/staff/signin";

    /// <summary>The policy every member of staff meets; each task's policy name starts with it too.</summary>
    public const string StaffPolicy = "staff";

    public static string PolicyFor(StaffTask task) => $"{StaffPolicy}:{task}";

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(o =>
            {
                // Length over character classes (NIST SP 800-63B): a long passphrase is a good password.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<TerminagentDb>()
            .AddUserManager<StaffUserManager>()
            .AddPasswordValidator<PasswordRules>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddUserConfirmation<EnabledAccountsOnly>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "terminagent-staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = "/staff/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = c => AnswerApiOrRedirect(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => AnswerApiOrRedirect(c, StatusCodes.Status403Forbidden);
        });

        services.AddOptions<StaffSessionOptions>().BindConfiguration(StaffSessionOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLifetime >= o.IdleTimeout,
                "StaffSessions: IdleTimeout must be positive and AbsoluteLifetime at least as long, e.g. 01:00:00 and 12:00:00.")
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<StaffSessionOptions>>((cookie, sessions) => StaffSessionLifetime.Configure(cookie, sessions.Value));

        // A disabled account, changed role, new password or sign-out ends open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization(o =>
        {
            foreach (var task in Enum.GetValues<StaffTask>())
            {
                o.AddPolicy(PolicyFor(task), p => p.RequireAuthenticatedUser().RequireAssertion(
                    c => StaffMember.From(c.User)?.MayDo(task) == true));
            }

            o.AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => StaffMember.From(c.User) is not null));
        });
        services.AddScoped<StaffAccountService>();
        services.AddSingleton<UnknownNameLockout>();
        return services;
    }

    /// <summary>An API caller gets a status code, a person the sign-in or refusal page.</summary>
    private static Task AnswerApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Puts role, offices and display name into the session cookie, so a page checks them without a query.</summary>
    private sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<StaffUser>(users, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim(StaffMember.RoleClaim, user.Role.ToString()));
            identity.AddClaim(new Claim(StaffMember.NameClaim, user.DisplayName));
            foreach (var office in user.OfficeIds)
            {
                identity.AddClaim(new Claim(StaffMember.OfficeClaim, office));
            }

            return identity;
        }
    }

    private sealed class EnabledAccountsOnly : IUserConfirmation<StaffUser>
    {
        public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(!user.IsDisabled);
    }
}

/// <summary>Requires a staff task for every page in a feature folder.</summary>
public static class StaffPageConventions
{
    /// <summary>
    /// Page rules from a feature's AddX: PostConfigure, because AddRazorPages (called after the
    /// features' AddX) replaces the convention collection, and with it anything a plain Configure added.
    /// </summary>
    public static IServiceCollection ConfigurePages(this IServiceCollection services, Action<Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection> conventions) =>
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => conventions(o.Conventions));

    public static void RequireStaffTask(this Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions, string folder, StaffTask task) =>
        conventions.AuthorizeFolder(folder, StaffSetup.PolicyFor(task));
}

internal static class AuthorizationExtensions
{
    public static TBuilder RequireStaffTask<TBuilder>(this TBuilder builder, StaffTask task)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(StaffSetup.PolicyFor(task));
}
