using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Terminagent.Data.Staff;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// Identity's user manager with lockout on the app's clock: Identity 10 reads
/// the system clock when it locks an account and when it checks the lock, so a
/// shifted demo clock or a test's fake clock would see locks that never end or never begin.
/// </summary>
public sealed class StaffUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    Clock clock)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockouts = LockoutStore;
        if (!await lockouts.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await lockouts.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= clock.Provider.GetUtcNow();
    }

    /// <summary>Counts a failed attempt; the last allowed one locks the account for the configured time from now, and the count starts over.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockouts = LockoutStore;
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, clock.Provider.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    private IUserLockoutStore<StaffUser> LockoutStore =>
        Store as IUserLockoutStore<StaffUser> ?? throw new NotSupportedException("The staff user store keeps no lockouts.");
}
