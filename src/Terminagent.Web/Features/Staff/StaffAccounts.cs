using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Data.Staff;
using Terminagent.Domain.City;
using Terminagent.Domain.Staff;
using Terminagent.Web.Time;

namespace Terminagent.Web.Features.Staff;

public sealed record StaffAccountResult(StaffUser? User, string? InitialPassword, IReadOnlyList<string> Problems)
{
    public bool Succeeded => User is not null && Problems.Count == 0;
}

/// <summary>Creating and changing staff accounts; passwords are hashed by Identity and never have a default.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, TerminagentDb db, City city, Clock clock)
{
    public Task<bool> AnyAdministratorAsync(CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Role == StaffRole.Administrator && !u.IsDisabled, ct);

    /// <summary>Creates an account with a random first password, shown once to whoever created it.</summary>
    public async Task<StaffAccountResult> CreateAsync(string? email, string? displayName, StaffRole role, IReadOnlyCollection<string> officeIds, string language)
    {
        var problems = Check(email, displayName, role, officeIds, language);
        if (problems.Count > 0)
        {
            return new StaffAccountResult(null, null, problems);
        }

        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(clock.Provider.GetUtcNow()),
            UserName = email!.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName!.Trim(),
            Role = role,
            OfficeIds = StaffAccess.IsBoundToOffices(role) ? officeIds.Distinct().Order().ToList() : [],
            CreatedAt = clock.Now,
        };
        var password = NewPassword();
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? new StaffAccountResult(user, password, [])
            : new StaffAccountResult(null, null, created.Errors.Select(e => Describe(e, language)).ToList());
    }

    /// <summary>Sets a new random password (the old one stops working) and lifts any lockout.</summary>
    public async Task<string?> ResetPasswordAsync(StaffUser user)
    {
        var password = NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return null;
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return password;
    }

    public List<string> Check(string? email, string? displayName, StaffRole role, IReadOnlyCollection<string> officeIds, string language)
    {
        var problems = new List<string>();
        string L(string de, string en) => Localization.Language.Pick(language, de, en);
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > StaffUser.MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            problems.Add(L("Bitte einen Namen mit höchstens 100 Zeichen angeben.", "Please give a name of at most 100 characters."));
        }

        var (contact, _) = Domain.Booking.Contact.Create("x", email, null);
        if (contact is null)
        {
            problems.Add(L("Bitte eine gültige E-Mail-Adresse angeben; sie ist der Anmeldename.", "Please give a valid email address; it is the sign-in name."));
        }

        if (!Enum.IsDefined(role))
        {
            problems.Add(L("Bitte eine Rolle wählen.", "Please choose a role."));
        }
        else if (StaffAccess.IsBoundToOffices(role) && officeIds.Count == 0)
        {
            problems.Add(L("Sachbearbeitung und Standortleitung brauchen mindestens einen Standort.", "Clerks and office managers need at least one office."));
        }

        if (officeIds.Any(id => city.FindOffice(id) is null))
        {
            problems.Add(L("Einer der Standorte ist unbekannt.", "One of the offices is unknown."));
        }

        return problems;
    }

    /// <summary>Four groups of five from an alphabet without look-alikes: 94 bits, easy to read out and type.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }

    private static string Describe(IdentityError error, string language) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => Localization.Language.Pick(language, "Zu dieser E-Mail-Adresse gibt es schon ein Konto.", "There is already an account with this email address."),
        _ => error.Description,
    };
}
