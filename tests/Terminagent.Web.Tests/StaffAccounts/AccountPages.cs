using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.StaffAccounts;

/// <summary>Steps the account tests share: posting the account forms as an administrator and reading their answers.</summary>
internal static partial class AccountPages
{
    public static Task<HttpResponseMessage> CreateAsync(HttpClient admin, string displayName, string email, string role, params string[] offices) =>
        Forms.PostAsync(admin, "/staff/accounts/new", null,
            [("displayName", displayName), ("email", email), ("role", role), .. offices.Select(o => ("office", o))]);

    public static Task<HttpResponseMessage> SaveAsync(HttpClient admin, Guid id, string role, bool disabled, params string[] offices) =>
        Forms.PostAsync(admin, "/staff/password", $"/staff/accounts/{id}?handler=save",
            [("role", role), .. offices.Select(o => ("office", o)), .. disabled ? new[] { ("disabled", "true") } : []]);

    public static Task<HttpResponseMessage> UnlockAsync(HttpClient admin, Guid id) =>
        Forms.PostAsync(admin, "/staff/password", $"/staff/accounts/{id}?handler=unlock");

    public static Task<HttpResponseMessage> ResetPasswordAsync(HttpClient admin, Guid id) =>
        Forms.PostAsync(admin, "/staff/password", $"/staff/accounts/{id}?handler=password");

    /// <summary>The password a page shows once, or null.</summary>
    public static string? PasswordIn(string html) => PasswordPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public static async Task<StaffUser> AccountAsync(TestApp app, string email)
    {
        await using var db = app.NewDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    public static async Task<StaffUser> AccountAsync(TestApp app, Guid id)
    {
        await using var db = app.NewDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public static async Task<HttpStatusCode> SignInStatusAsync(TestApp app, string email, string password)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await Forms.PostAsync(client, "/staff/signin", null, ("email", email), ("password", password));
        return response.StatusCode;
    }

    [GeneratedRegex("<p class=\"password\"><code>([^<]+)</code></p>")]
    private static partial Regex PasswordPattern();
}
