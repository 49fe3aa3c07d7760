using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.StaffAccounts.AccountPages;

namespace Terminagent.Web.Tests.StaffAccounts;

/// <summary>Administrators create and change staff accounts through the pages; nothing is half-saved.</summary>
public sealed class StaffAccountTests
{
    private const string Email = "neu.sachbearbeitung@staff.demostadt.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministratorCreatesAClerk_SeesItsPasswordOnce_AndTheClerkSignsInWithIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var response = await CreateAsync(admin, "Nina Neumann", Email, "Clerk", "bilk", "hauptbahnhof");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bitte geben Sie es persönlich weiter", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "The page with the password must not be cached.");
        var password = PasswordIn(html);
        Assert.NotNull(password);
        var account = await AccountAsync(app, Email);
        Assert.Equal(StaffRole.Clerk, account.Role);
        Assert.Equal(["hauptbahnhof", "bilk"], account.OfficeIds);
        Assert.DoesNotContain(password, account.PasswordHash!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, Email, password));

        var list = await admin.GetStringAsync("/staff/accounts");
        Assert.Contains("Nina Neumann", list, StringComparison.Ordinal);
        Assert.Contains("Sachbearbeitung", list, StringComparison.Ordinal);
        Assert.Contains("Bürgerbüro Hauptbahnhof, Bürgerbüro Bilk", list, StringComparison.Ordinal);
        Assert.DoesNotContain(password, list, StringComparison.Ordinal);
        Assert.Null(PasswordIn(await admin.GetStringAsync($"/staff/accounts/{account.Id}")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClerkWithoutOffice_IsRefusedNextToTheField_AndNoAccountIsCreated(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var response = await CreateAsync(admin, "Nina Neumann", Email, "Clerk");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"offices-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Sachbearbeitung und Standortleitung brauchen mindestens einen Standort.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Nina Neumann\"", html, StringComparison.Ordinal);
        Assert.Null(PasswordIn(html));
        await using var db = app.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.Email == Email));
    }

    [Fact]
    public async Task BadEntries_AreNamedNextToTheirFields_InEnglishToo()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        await using var db = app.NewDb();
        var before = await db.Users.CountAsync();

        using var response = await Forms.PostAsync(admin, "/staff/accounts/new", "/staff/accounts/new?lang=en",
            ("displayName", " "), ("email", "not-an-address"), ("role", "Emperor"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"displayName-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Please give a valid email address; it is the sign-in name.", html, StringComparison.Ordinal);
        Assert.Contains("Please choose a role.", html, StringComparison.Ordinal);
        Assert.Equal(before, await db.Users.CountAsync());
    }

    [Fact]
    public async Task SecondAccountWithTheSameEmail_IsRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        using var first = await CreateAsync(admin, "Nina Neumann", Email, "InfolineAgent");

        using var second = await CreateAsync(admin, "Nina Zweitkonto", Email.ToUpperInvariant(), "InfolineAgent");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Zu dieser E-Mail-Adresse gibt es schon ein Konto.", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Users.CountAsync(u => u.DisplayName.StartsWith("Nina")));
    }

    [Fact]
    public async Task OfficesOfAnInfolineAgent_AreIgnored()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var response = await CreateAsync(admin, "Ida Infoline", Email, "InfolineAgent", "bilk");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await AccountAsync(app, Email)).OfficeIds);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LockedOutAccount_IsShownLocked_AndUnlockLetsItSignInAgain(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var clerk = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, clerk.Email, "wrong-password-" + i));
        }

        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, clerk.Email, clerk.Password));
        Assert.Contains("gesperrt bis", await admin.GetStringAsync("/staff/accounts"), StringComparison.Ordinal);
        Assert.Contains("Sperre aufheben", await admin.GetStringAsync($"/staff/accounts/{clerk.Id}"), StringComparison.Ordinal);

        using var unlocked = await UnlockAsync(admin, clerk.Id);

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Contains("Die Sperre ist aufgehoben", await admin.GetStringAsync(unlocked.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var account = await AccountAsync(app, clerk.Id);
        Assert.Null(account.LockoutEnd);
        Assert.Equal(0, account.AccessFailedCount);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, clerk.Email, clerk.Password));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangedRoleAndOffices_AreSaved_AndEndTheAccountsOpenSessionsWithinAMinute(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var (clerkClient, clerk) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var stampBefore = (await AccountAsync(app, clerk.Id)).SecurityStamp;

        using var saved = await SaveAsync(admin, clerk.Id, "OfficeManager", false, "bilk", "eller");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var account = await AccountAsync(app, clerk.Id);
        Assert.Equal(StaffRole.OfficeManager, account.Role);
        Assert.Equal(["bilk", "eller"], account.OfficeIds);
        Assert.NotEqual(stampBefore, account.SecurityStamp);

        app.Advance(Duration.FromMinutes(2));
        using var after = await clerkClient.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/staff/signin", new Uri(app.BaseAddress, after.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DisabledAccount_CannotSignIn_AndEnablingItAgainLetsItIn(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var agent = await StaffSessions.CreateAsync(app, StaffRole.InfolineAgent);

        using var disabled = await SaveAsync(admin, agent.Id, "InfolineAgent", true);

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.True((await AccountAsync(app, agent.Id)).IsDisabled);
        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, agent.Email, agent.Password));
        Assert.Contains("deaktiviert", await admin.GetStringAsync("/staff/accounts"), StringComparison.Ordinal);

        using var enabled = await SaveAsync(admin, agent.Id, "InfolineAgent", false);

        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, agent.Email, agent.Password));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LastEnabledAdministrator_CannotBeDemotedOrDisabled(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (first, firstLogin) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var (second, secondLogin) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        using var disabledSecond = await SaveAsync(first, secondLogin.Id, "Administrator", true);
        Assert.Equal(HttpStatusCode.Redirect, disabledSecond.StatusCode);

        // The second administrator's session still runs (for up to a minute) and tries to demote the last one.
        using var demote = await SaveAsync(second, firstLogin.Id, "Clerk", false, "hauptbahnhof");
        using var disable = await SaveAsync(second, firstLogin.Id, "Administrator", true);

        foreach (var refused in new[] { demote, disable })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Dies ist das letzte aktive Konto der Administration.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var account = await AccountAsync(app, firstLogin.Id);
        Assert.Equal(StaffRole.Administrator, account.Role);
        Assert.False(account.IsDisabled);
    }

    [Fact]
    public async Task Administrator_CannotDemoteOrDisableThemselves()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, login) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        var stamp = (await AccountAsync(app, login.Id)).SecurityStamp;

        using var demote = await SaveAsync(admin, login.Id, "OfficeManager", false, "hauptbahnhof");
        using var disable = await SaveAsync(admin, login.Id, "Administrator", true);
        using var reset = await ResetPasswordAsync(admin, login.Id);

        Assert.Contains("Ihr eigenes Konto können Sie nicht deaktivieren oder herabstufen.", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Ihr eigenes Konto können Sie nicht deaktivieren oder herabstufen.", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Ihr eigenes Passwort ändern Sie unter", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(new[] { demote, disable, reset }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var account = await AccountAsync(app, login.Id);
        Assert.Equal(StaffRole.Administrator, account.Role);
        Assert.False(account.IsDisabled);
        Assert.Equal(stamp, account.SecurityStamp);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoAdministratorsDemotingEachOtherAtOnce_LeaveOneAdministrator(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var a = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        var b = await StaffSessions.CreateAsync(app, StaffRole.Administrator);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<StaffChangeResult> Demote(Guid actor, Guid target)
        {
            await go.Task;
            return await app.InScopeAsync(sp => sp.GetRequiredService<Web.Features.Staff.StaffAccountService>()
                .ChangeAsync(actor, target, new StaffAccountChange(StaffRole.Clerk, ["hauptbahnhof"], false), "de", CancellationToken.None));
        }

        var racers = new[] { Demote(a.Id, b.Id), Demote(b.Id, a.Id) };
        go.SetResult();
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("letzte aktive Konto", Assert.Single(results, r => !r.Succeeded).Errors["form"], StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Role == StaffRole.Administrator && !u.IsDisabled));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NewPassword_IsShownOnce_TheOldOneStopsWorking_AndALockoutEnds(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var manager = await StaffSessions.CreateAsync(app, StaffRole.OfficeManager, "hauptbahnhof");
        for (var i = 0; i < 5; i++)
        {
            await SignInStatusAsync(app, manager.Email, "wrong-password-" + i);
        }

        using var response = await ResetPasswordAsync(admin, manager.Id);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("Bitte geben Sie es persönlich weiter", html, StringComparison.Ordinal);
        var password = PasswordIn(html)!;
        Assert.NotEqual(manager.Password, password);
        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, manager.Email, manager.Password));
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(app, manager.Email, password));
    }

    [Fact]
    public async Task UnknownAccount_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var page = await admin.GetAsync($"/staff/accounts/{Guid.NewGuid()}");
        using var save = await SaveAsync(admin, Guid.NewGuid(), "Clerk", false, "bilk");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
    }
}
