using System.Net;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Staff;

/// <summary>A staff session ends after an idle hour, twelve hours after signing in however busy, and on the server when signing out.</summary>
public sealed class SessionTests
{
    private static async Task<HttpStatusCode> StaffPageAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/staff");
        Assert.True(
            response.StatusCode == HttpStatusCode.OK
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/staff/signin", StringComparison.Ordinal)),
            $"{response.StatusCode} {response.Headers.Location}");
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnHourWithoutARequest_EndsTheSession_ARequestBeforeKeepsItGoing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        app.Advance(Duration.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await StaffPageAsync(client));
        app.Advance(Duration.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await StaffPageAsync(client));
        app.Advance(Duration.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(client));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwelveBusyHours_AfterSigningIn_EndTheSessionAllTheSame(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        for (var elapsed = Duration.FromMinutes(20); elapsed < Duration.FromHours(12); elapsed += Duration.FromMinutes(20))
        {
            app.Advance(Duration.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, await StaffPageAsync(client));
        }

        app.Advance(Duration.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(client));
    }

    [Fact]
    public async Task TheLimits_AreConfigurable()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new()
        {
            ["StaffSessions:IdleTimeout"] = "00:10:00",
            ["StaffSessions:AbsoluteLifetime"] = "00:30:00",
        });
        var (idle, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var (busy, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        for (var i = 0; i < 3; i++)
        {
            app.Advance(Duration.FromMinutes(9));
            Assert.Equal(HttpStatusCode.OK, await StaffPageAsync(busy));
        }

        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(idle));
        app.Advance(Duration.FromMinutes(4));
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(busy));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoAnotherCopyOfItStopsWorking(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, login) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var elsewhere = await StaffSessions.SignInAsync(app, login);

        using var signedOut = await Forms.PostAsync(client, "/staff/password", "/staff/signout");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(client));
        app.Advance(Duration.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(elsewhere));

        var again = await StaffSessions.SignInAsync(app, login);
        Assert.Equal(HttpStatusCode.OK, await StaffPageAsync(again));
    }

    /// <summary>The header's "Abmelden" button posts the form token its own form carries.</summary>
    [Fact]
    public async Task TheHeadersSignOutButton_SignsOut()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var header = System.Text.RegularExpressions.Regex.Match(
            await client.GetStringAsync("/staff"), "<form method=\"post\"[^>]*action=\"/staff/signout\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(header.Success, "No sign-out form in the header.");

        using var signedOut = await client.PostAsync("/staff/signout", Forms.Form(Forms.TokenIn(header.Value) ?? ""));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/staff/signin", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, await StaffPageAsync(client));
    }
}
