using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Staff;

/// <summary>Five wrong passwords lock sign-in for 15 minutes on the app's clock; a name without an account is answered the same way.</summary>
public sealed partial class LockoutTests
{
    private const string Locked = "Zu viele Fehlversuche: Die Anmeldung mit dieser E-Mail-Adresse ist für 15 Minuten gesperrt.";
    private const string Wrong = "E-Mail-Adresse oder Passwort stimmen nicht.";

    private static async Task<(HttpStatusCode Status, string Problem)> SignInAsync(TestApp app, string email, string password, string path = "/staff/signin")
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await Forms.PostAsync(client, "/staff/signin", path, ("email", email), ("password", password));
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, ProblemPattern().Match(html) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : "");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiveWrongPasswords_LockForFifteenMinutesOfTheAppsClock_ThenTheRightOneWorks(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(Wrong, (await SignInAsync(app, clerk.Email, "wrong-password-" + i)).Problem);
        }

        var lockedAt = app.Now;
        Assert.StartsWith(Locked, (await SignInAsync(app, clerk.Email, "wrong-password-5")).Problem, StringComparison.Ordinal);

        // Locked until the fake clock's 15 minutes are over, not the machine's.
        await using (var db = app.NewDb())
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == clerk.Id);
            Assert.Equal((lockedAt + Duration.FromMinutes(15)).ToDateTimeOffset(), account.LockoutEnd);
        }

        Assert.StartsWith(Locked, (await SignInAsync(app, clerk.Email, clerk.Password)).Problem, StringComparison.Ordinal);
        app.Advance(Duration.FromMinutes(14));
        Assert.StartsWith(Locked, (await SignInAsync(app, clerk.Email, clerk.Password)).Problem, StringComparison.Ordinal);
        app.Advance(Duration.FromMinutes(1) + Duration.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app, clerk.Email, clerk.Password)).Status);
    }

    [Fact]
    public async Task AName_WithoutAnAccount_IsAnsweredExactlyLikeAnAccount_ToTheLockAndBeyond()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        const string nobody = "nobody@staff.demostadt.example";

        for (var i = 1; i <= 6; i++)
        {
            var known = await SignInAsync(app, clerk.Email, "wrong-password-" + i);
            var unknown = await SignInAsync(app, nobody, "wrong-password-" + i);
            Assert.Equal(known, unknown);
            Assert.Equal(i < 5 ? Wrong : Locked, known.Problem[..(i < 5 ? Wrong.Length : Locked.Length)]);
        }

        app.Advance(Duration.FromMinutes(16));
        Assert.Equal(await SignInAsync(app, clerk.Email, "wrong-again"), await SignInAsync(app, nobody, "wrong-again"));
        Assert.Equal(Wrong, (await SignInAsync(app, nobody, "wrong-again-2")).Problem);
    }

    [Fact]
    public async Task TheLockMessage_IsPlainEnglishToo()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        for (var i = 1; i <= 4; i++)
        {
            await SignInAsync(app, clerk.Email, "wrong-password-" + i);
        }

        var (_, problem) = await SignInAsync(app, clerk.Email, "wrong-password-5", "/staff/signin?lang=en");

        Assert.StartsWith("Too many failed attempts: signing in with this email address is locked for 15 minutes.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADisabledAccount_IsNamedOnlyToWhoeverKnowsItsPassword(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var agent = await StaffSessions.CreateAsync(app, StaffRole.InfolineAgent);
        using var disabled = await StaffAccounts.AccountPages.SaveAsync(admin, agent.Id, "InfolineAgent", true);

        Assert.Equal(Wrong, (await SignInAsync(app, agent.Email, "a-wrong-guess")).Problem);
        Assert.StartsWith("Dieses Konto ist deaktiviert.", (await SignInAsync(app, agent.Email, agent.Password)).Problem, StringComparison.Ordinal);
    }

    [GeneratedRegex("<div class=\"message-error\" role=\"alert\"><p>([^<]*)</p></div>")]
    private static partial Regex ProblemPattern();
}
