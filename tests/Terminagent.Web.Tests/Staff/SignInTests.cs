using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Staff;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CorrectPassword_SignsIn_AndTheStaffPageGreetsByRole(DatabaseProvider kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        var html = await client.GetStringAsync("/staff");

        Assert.Contains("Sachbearbeitung", html, StringComparison.Ordinal);
        Assert.Contains("/counter/hauptbahnhof", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/counter/unterbach", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPage_WithoutSignIn_RedirectsToSignIn()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var login = await StaffSessions.CreateAsync(app, StaffRole.InfolineAgent);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Forms.PostAsync(client, "/staff/signin", null, ("email", login.Email), ("password", "not-the-password-" + i));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var right = await Forms.PostAsync(client, "/staff/signin", null, ("email", login.Email), ("password", login.Password));
        var html = await right.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("gesperrt", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccount_AndWrongPassword_GetTheSameMessage()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var login = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var unknown = await Forms.PostAsync(client, "/staff/signin", null, ("email", "nobody@staff.demostadt.example"), ("password", "whatever-it-is"));
        using var wrong = await Forms.PostAsync(client, "/staff/signin", null, ("email", login.Email), ("password", "whatever-it-is"));

        Assert.Contains("E-Mail-Adresse oder Passwort stimmen nicht.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("E-Mail-Adresse oder Passwort stimmen nicht.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
