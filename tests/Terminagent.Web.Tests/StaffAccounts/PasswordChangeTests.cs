using System.Net;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.StaffAccounts.AccountPages;

namespace Terminagent.Web.Tests.StaffAccounts;

/// <summary>Any member of staff changes their own password at /staff/password.</summary>
public sealed class PasswordChangeTests
{
    private const string NewPassword = "Der Rhein fließt nordwärts";

    /// <summary>130 characters: more than a password may have.</summary>
    private const string Longer = "Der Rhein fließt nordwärts, die Wupper fließt westwärts, die Düssel fließt auch irgendwohin, und wir warten auf den Termin im Amt.";

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string repeat, string path = "/staff/password") =>
        Forms.PostAsync(client, "/staff/password", path, ("current", current), ("new", next), ("repeat", repeat));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NewPassword_Works_TheOldOneNot_AndTheSessionGoesOn(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, login) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        using var response = await ChangeAsync(client, login.Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ihr Passwort ist geändert.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, login.Email, login.Password));
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, login.Email, NewPassword));

        // The refreshed cookie carries the new security stamp, so the next check of the session passes.
        app.Advance(Duration.FromMinutes(2));
        using var staffPage = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, staffPage.StatusCode);
    }

    [Theory]
    [InlineData("wrong current password", NewPassword, NewPassword, "/staff/password", "Das bisherige Passwort stimmt nicht.")]
    [InlineData(null, "zu kurz", "zu kurz", "/staff/password", "Das neue Passwort muss mindestens 12 Zeichen lang sein.")]
    [InlineData(null, "too short", "too short", "/staff/password?lang=en", "The new password must be at least 12 characters long.")]
    [InlineData(null, "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "/staff/password", "mindestens 5 verschiedene Zeichen")]
    [InlineData(null, NewPassword, "Der Rhein fließt südwärts", "/staff/password", "Die Wiederholung stimmt nicht mit dem neuen Passwort überein.")]
    [InlineData(null, "", "", "/staff/password", "Bitte ein neues Passwort mit 12 bis 128 Zeichen eingeben.")]
    [InlineData(null, "Sommer2024!!!!", "Sommer2024!!!!", "/staff/password", "Dieses Passwort ist zu leicht zu erraten: Es gehört (auch ohne angehängte Ziffern oder Zeichen) zu den häufigsten Passwörtern")]
    [InlineData(null, "passwort1234", "passwort1234", "/staff/password?lang=en", "This password is too easy to guess: it is (also without digits or signs added at the end) one of the most common passwords")]
    [InlineData(null, "123456789012", "123456789012", "/staff/password", "Es wiederholt nur ein Muster oder ist eine Folge")]
    [InlineData(null, "InfolineAgent 2026 rocks", "InfolineAgent 2026 rocks", "/staff/password", "Das Passwort darf Ihren Namen und Ihre E-Mail-Adresse nicht enthalten")]
    [InlineData(null, "my infolineagent password", "my infolineagent password", "/staff/password?lang=en", "The password must not contain your name or your email address")]
    [InlineData(null, Longer, Longer, "/staff/password", "Das neue Passwort darf höchstens 128 Zeichen lang sein.")]
    public async Task BadEntries_AreRefusedWithAPlainMessage_AndThePasswordStays(string? current, string next, string repeat, string path, string message)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, login) = await StaffSessions.SignedInAsync(app, StaffRole.InfolineAgent);

        using var response = await ChangeAsync(client, current ?? login.Password, next, repeat, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, login.Email, login.Password));
    }

    [Fact]
    public async Task FiveWrongCurrentPasswords_LockTheAccount_AndEndTheSession()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, login) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        for (var i = 0; i < 4; i++)
        {
            using var wrong = await ChangeAsync(client, "wrong-guess-" + i, NewPassword, NewPassword);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var last = await ChangeAsync(client, "wrong-guess-last", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Equal("/staff/signin", last.Headers.Location!.OriginalString);
        using var after = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, login.Email, login.Password));
    }

    [Fact]
    public async Task PasswordPage_WithoutSignIn_RedirectsToSignIn()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/staff/password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", new Uri(app.BaseAddress, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }
}
