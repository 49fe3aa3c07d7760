using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Terminagent.Data;
using Terminagent.Data.Staff;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Staff;

/// <summary>The outcome of creating an account: the account and its first password, or what is wrong, by form field.</summary>
public sealed record StaffAccountResult(StaffUser? User, string? InitialPassword, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => User is not null && Errors.Count == 0;

    public IReadOnlyList<string> Problems => Errors.Values.ToList();
}

/// <summary>What an administrator sets on an account: role, offices, and whether it may sign in.</summary>
public sealed record StaffAccountChange(StaffRole Role, IReadOnlyCollection<string> OfficeIds, bool Disabled);

/// <summary>The outcome of a change of an account; <see cref="Found"/> is false for an unknown account.</summary>
public sealed record StaffChangeResult(bool Found, IReadOnlyDictionary<string, string> Errors, string? NewPassword = null)
{
    public bool Succeeded => Found && Errors.Count == 0;

    public static StaffChangeResult NotFound { get; } = new(false, new Dictionary<string, string>());

    public static StaffChangeResult Done { get; } = new(true, new Dictionary<string, string>());

    public static StaffChangeResult Refused(string field, string message) => new(true, new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Creating and changing staff accounts; passwords are hashed by Identity and never have a default.
/// Form fields the errors belong to: displayName, email, role, offices, current, new, repeat, form.
/// </summary>
public sealed class StaffAccountService(UserManager<StaffUser> users, TerminagentDb db, City city, Clock clock, AuditLog audit, IStringLocalizer<StaffTexts> texts)
{
    public Task<bool> AnyAdministratorAsync(CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Role == StaffRole.Administrator && !u.IsDisabled, ct);

    public Task<List<StaffUser>> ListAsync(CancellationToken ct) =>
        db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(ct);

    public Task<StaffUser?> FindAsync(Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    /// <summary>Whether Identity refuses the account's sign-in for too many failed attempts right now.</summary>
    public Task<bool> IsLockedOutAsync(StaffUser user) => users.IsLockedOutAsync(user);

    /// <summary>Creates an account with a random first password, shown once to whoever created it.</summary>
    public async Task<StaffAccountResult> CreateAsync(string? email, string? displayName, StaffRole role, IReadOnlyCollection<string> officeIds, string language)
    {
        var errors = Check(email, displayName, role, officeIds, language);
        if (errors.Count > 0)
        {
            return new StaffAccountResult(null, null, errors);
        }

        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(clock.Provider.GetUtcNow()),
            UserName = email!.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName!.Trim(),
            Role = role,
            OfficeIds = OfficesFor(role, officeIds),
            CreatedAt = clock.Now,
        };
        var password = await NewPasswordForAsync(user);
        var entry = audit.Add(AuditActions.AccountNew, null, $"Account: {user.Email}\nRole: {user.Role}\nOffices: {Offices(user.OfficeIds)}");
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two administrators created the same address at once: the unique index on the sign-in name decided.
            created = IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(user.UserName));
        }

        if (!created.Succeeded)
        {
            audit.Withdraw(entry);
            db.Entry(user).State = EntityState.Detached;
        }

        return created.Succeeded
            ? new StaffAccountResult(user, password, new Dictionary<string, string>())
            : new StaffAccountResult(null, null, ErrorsOf(created, language));
    }

    /// <summary>
    /// Sets role, offices and whether the account is disabled. Open sessions of the account end
    /// within a minute (new security stamp). Nobody disables or demotes themselves, and the last
    /// enabled administrator stays one: the check and the change run in one serializable
    /// transaction, so two administrators demoting each other at once cannot both succeed.
    /// </summary>
    public async Task<StaffChangeResult> ChangeAsync(Guid actorId, Guid userId, StaffAccountChange change, string language, CancellationToken ct)
    {
        var text = new StaffTextsIn(texts, language);
        var errors = new Dictionary<string, string>();
        CheckRoleAndOffices(change.Role, change.OfficeIds, language, errors);
        if (errors.Count > 0)
        {
            return new StaffChangeResult(true, errors);
        }

        return await SerializableAsync(async () =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
            if (user is null)
            {
                return StaffChangeResult.NotFound;
            }

            var offices = OfficesFor(change.Role, change.OfficeIds);
            if (user.Role == change.Role && user.OfficeIds.SequenceEqual(offices) && user.IsDisabled == change.Disabled)
            {
                return StaffChangeResult.Done;
            }

            var losesAdministration = user.Role == StaffRole.Administrator && !user.IsDisabled
                && (change.Role != StaffRole.Administrator || change.Disabled);
            if (userId == actorId && (losesAdministration || change.Disabled))
            {
                return StaffChangeResult.Refused("form", text["Accounts.YouCannotDisableOr"]);
            }

            if (losesAdministration && !await db.Users.AnyAsync(u => u.Id != userId && u.Role == StaffRole.Administrator && !u.IsDisabled, ct))
            {
                return StaffChangeResult.Refused("form", text["Accounts.ThisIsTheLast"]);
            }

            audit.Add(
                change.Disabled && !user.IsDisabled ? AuditActions.AccountDisable
                    : !change.Disabled && user.IsDisabled ? AuditActions.AccountEnable
                    : AuditActions.AccountChange,
                null,
                Changes(user, change.Role, offices, change.Disabled));
            user.Role = change.Role;
            user.OfficeIds = offices;
            user.IsDisabled = change.Disabled;
            var saved = await users.UpdateSecurityStampAsync(user);
            return saved.Succeeded ? StaffChangeResult.Done : new StaffChangeResult(true, ErrorsOf(saved, language));
        }, ct);
    }

    /// <summary>Lifts a lockout after too many failed sign-ins.</summary>
    public async Task<StaffChangeResult> UnlockAsync(Guid userId, string language)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return StaffChangeResult.NotFound;
        }

        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var entry = audit.Add(AuditActions.AccountUnlock, null, $"Account: {user.Email}");
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            audit.Withdraw(entry);
        }

        return saved.Succeeded ? StaffChangeResult.Done : new StaffChangeResult(true, ErrorsOf(saved, language));
    }

    /// <summary>
    /// Sets a new random password, shown once to the administrator: the old one stops working, open
    /// sessions end, a lockout is lifted. Administrators change their own under /staff/password.
    /// </summary>
    public async Task<StaffChangeResult> ResetPasswordAsync(Guid actorId, Guid userId, string language)
    {
        if (actorId == userId)
        {
            return StaffChangeResult.Refused("form", new StaffTextsIn(texts, language)["Accounts.YouChangeYourOwn"]);
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return StaffChangeResult.NotFound;
        }

        var password = await NewPasswordForAsync(user);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var entry = audit.Add(AuditActions.AccountPasswordReset, null, $"Account: {user.Email}");
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            audit.Withdraw(entry);
        }

        return saved.Succeeded
            ? new StaffChangeResult(true, new Dictionary<string, string>(), password)
            : new StaffChangeResult(true, ErrorsOf(saved, language));
    }

    /// <summary>
    /// A member of staff changes their own password. A wrong current password counts as a failed
    /// sign-in, so the form cannot be used to guess it. Returns the account to refresh the session with.
    /// </summary>
    public async Task<(StaffUser? User, IReadOnlyDictionary<string, string> Errors, bool LockedOut)> ChangeOwnPasswordAsync(
        Guid userId, string? current, string? next, string? repeat, string language)
    {
        var text = new StaffTextsIn(texts, language);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(current) || current.Length > 256)
        {
            errors["current"] = text["Accounts.PleaseEnterYourCurrent"];
        }

        if (string.IsNullOrEmpty(next))
        {
            errors["new"] = text["Accounts.PleaseEnterANew", PasswordRules.MaxLength];
        }
        else if (next.Length > PasswordRules.MaxLength)
        {
            errors["new"] = PasswordMessage(PasswordRules.TooLong, language)!;
        }
        else if (next != repeat)
        {
            errors["repeat"] = text["Accounts.TheRepetitionDoesNot"];
        }
        else if (next == current)
        {
            errors["new"] = text["Accounts.NewMustDiffer"];
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.IsDisabled)
        {
            return (null, new Dictionary<string, string> { ["form"] = text["Accounts.ThisAccountNoLonger"] }, false);
        }

        if (errors.Count > 0)
        {
            return (null, errors, false);
        }

        var entry = audit.Add(Actor.Staff(user.Id, user.DisplayName), AuditActions.OwnPassword, null, "");
        var changed = await users.ChangePasswordAsync(user, current!, next!);
        if (!changed.Succeeded)
        {
            // Nothing changed: the failed attempt below must not save the entry.
            audit.Withdraw(entry);
        }

        if (changed.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            return (user, errors, false);
        }

        if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await users.AccessFailedAsync(user);
        }

        return (null, ErrorsOf(changed, language), await users.IsLockedOutAsync(user));
    }

    public Dictionary<string, string> Check(string? email, string? displayName, StaffRole role, IReadOnlyCollection<string> officeIds, string language)
    {
        var errors = new Dictionary<string, string>();
        var text = new StaffTextsIn(texts, language);
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > StaffUser.MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            errors["displayName"] = text["Accounts.PleaseGiveAName"];
        }

        var (contact, _) = Domain.Bookings.Contact.Create("x", email, null);
        if (contact is null)
        {
            errors["email"] = text["Accounts.PleaseGiveAValid"];
        }

        CheckRoleAndOffices(role, officeIds, language, errors);
        return errors;
    }

    private void CheckRoleAndOffices(StaffRole role, IReadOnlyCollection<string> officeIds, string language, Dictionary<string, string> errors)
    {
        var text = new StaffTextsIn(texts, language);
        if (!Enum.IsDefined(role))
        {
            errors["role"] = text["Accounts.PleaseChooseARole"];
        }
        else if (officeIds.Any(id => city.FindOffice(id) is null))
        {
            errors["offices"] = text["Accounts.OneOfTheOffices"];
        }
        else if (StaffAccess.IsBoundToOffices(role) && officeIds.Count == 0)
        {
            errors["offices"] = text["Accounts.ClerksAndOfficeManagers"];
        }
    }

    /// <summary>The offices stored for a role: only clerks and office managers are bound to some, in the city's order.</summary>
    private List<string> OfficesFor(StaffRole role, IReadOnlyCollection<string> officeIds) =>
        StaffAccess.IsBoundToOffices(role) ? city.Offices.Select(o => o.Id).Where(officeIds.Contains).ToList() : [];

    /// <summary>Runs an action in a serializable transaction, again if PostgreSQL aborted it for a concurrent one.</summary>
    private async Task<StaffChangeResult> SerializableAsync(Func<Task<StaffChangeResult>> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var tx = await db.OpenOrJoinTransactionAsync(IsolationLevel.Serializable, ct);
                var result = await action();
                if (result.Succeeded)
                {
                    await tx.CommitAsync(ct);
                }
                else
                {
                    // Rolled back: nothing of it (the account, its audit entry) may reach a later save.
                    db.ChangeTracker.Clear();
                }

                return result;
            }
            catch (Exception ex) when (attempt < 5 && IsSerializationFailure(ex))
            {
            }
        }
    }

    private static bool IsSerializationFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException { SqlState: "40001" or "40P01" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A generated password the account's own rules accept: a random one may, very rarely, hold a
    /// part of the account's name (four letters), and then another is drawn.
    /// </summary>
    private async Task<string> NewPasswordForAsync(StaffUser user)
    {
        for (var attempt = 1; ; attempt++)
        {
            var password = NewPassword();
            var accepted = true;
            foreach (var validator in users.PasswordValidators)
            {
                accepted &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            }

            if (accepted || attempt == 10)
            {
                return password;
            }
        }
    }

    /// <summary>What an administrator changed on an account, one line per setting, old → new.</summary>
    private static string Changes(StaffUser user, StaffRole role, List<string> offices, bool disabled)
    {
        var lines = new List<string> { $"Account: {user.Email}" };
        if (user.Role != role)
        {
            lines.Add($"Role: {user.Role} → {role}");
        }

        if (!user.OfficeIds.SequenceEqual(offices))
        {
            lines.Add($"Offices: {Offices(user.OfficeIds)} → {Offices(offices)}");
        }

        if (user.IsDisabled != disabled)
        {
            lines.Add($"Disabled: {(user.IsDisabled ? "yes" : "no")} → {(disabled ? "yes" : "no")}");
        }

        return string.Join("\n", lines);
    }

    private static string Offices(IReadOnlyCollection<string> ids) => ids.Count == 0 ? "–" : string.Join(", ", ids);

    /// <summary>The sentence for a broken password rule, or null when the code is no password rule of ours.</summary>
    public string? PasswordMessage(string code, string language)
    {
        var text = new StaffTextsIn(texts, language);
        return code switch
        {
            PasswordRules.TooLong => text["Accounts.PasswordTooLong", PasswordRules.MaxLength],
            PasswordRules.Common => text["Accounts.PasswordCommon"],
            PasswordRules.Pattern => text["Accounts.PasswordPattern"],
            PasswordRules.ContainsName => text["Accounts.PasswordContainsName"],
            _ => null,
        };
    }

    /// <summary>Four groups of five from an alphabet without look-alikes: 94 bits, easy to read out and type.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }

    private Dictionary<string, string> ErrorsOf(IdentityResult result, string language)
    {
        var errors = new Dictionary<string, string>();
        foreach (var error in result.Errors)
        {
            var (field, message) = Describe(error, language);
            errors.TryAdd(field, message);
        }

        return errors;
    }

    private (string Field, string Message) Describe(IdentityError error, string language)
    {
        var text = new StaffTextsIn(texts, language);
        var password = users.Options.Password;
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail) =>
                ("email", text["Accounts.ThereIsAlreadyAn"]),
            nameof(IdentityErrorDescriber.InvalidUserName) or nameof(IdentityErrorDescriber.InvalidEmail) =>
                ("email", text["Accounts.PleaseGiveAValid"]),
            nameof(IdentityErrorDescriber.PasswordMismatch) =>
                ("current", text["Accounts.TheCurrentPasswordIs"]),
            nameof(IdentityErrorDescriber.PasswordTooShort) =>
                ("new", text["Accounts.PasswordTooShort", password.RequiredLength]),
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) =>
                ("new", text["Accounts.PasswordTooFewDifferentCharacters", password.RequiredUniqueChars]),
            _ when PasswordMessage(error.Code, language) is { } rule => ("new", rule),
            nameof(IdentityErrorDescriber.ConcurrencyFailure) =>
                ("form", text["Accounts.TheAccountWasJust"]),
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => ("new", error.Description),
            _ => ("form", error.Description),
        };
    }
}
