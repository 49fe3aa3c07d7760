using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Terminagent.Data.Staff;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// Failed sign-ins under names without an account, counted as Identity counts them for accounts
/// (five, then locked for the lockout time), so the sign-in page answers an unknown name exactly as
/// a known one and tells no one which accounts exist. Kept in memory by this instance, under a
/// hash of the name (a password typed into the name field stays nowhere); bounded in size.
/// </summary>
public sealed class UnknownNameLockout(Clock clock, IOptions<IdentityOptions> identity)
{
    private const int MaxNames = 50_000;

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<StaffUser>().HashPassword(new StaffUser { DisplayName = "" }, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    private readonly ConcurrentDictionary<string, Attempts> names = new(StringComparer.Ordinal);

    public bool IsLockedOut(string name) =>
        names.TryGetValue(Key(name), out var attempts) && attempts.LockedUntil >= clock.Provider.GetUtcNow();

    /// <summary>Counts a failed attempt; true when the name is locked now.</summary>
    public bool Fail(string name)
    {
        if (names.Count >= MaxNames)
        {
            // Someone tries very many names: forgetting them all is the bounded, fair answer.
            names.Clear();
        }

        var lockout = identity.Value.Lockout;
        var now = clock.Provider.GetUtcNow();
        var after = names.AddOrUpdate(
            Key(name),
            _ => Next(new Attempts(0, null)),
            (_, before) => Next(before));
        return after.LockedUntil >= now;

        Attempts Next(Attempts before) => before.Count + 1 >= lockout.MaxFailedAccessAttempts
            ? new Attempts(0, now + lockout.DefaultLockoutTimeSpan)
            : before with { Count = before.Count + 1 };
    }

    /// <summary>Takes as long as checking a real password, so the answer's timing does not tell either.</summary>
    public static void CheckAgainstNothing(string password) =>
        new PasswordHasher<StaffUser>().VerifyHashedPassword(new StaffUser { DisplayName = "" }, DummyHash.Value, password);

    private static string Key(string name) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToUpperInvariant())));

    private sealed record Attempts(int Count, DateTimeOffset? LockedUntil);
}
