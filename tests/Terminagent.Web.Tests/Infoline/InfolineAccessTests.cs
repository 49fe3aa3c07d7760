using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Infoline;

/// <summary>Only infoline agents and administrators answer calls: every other role is turned away from every infoline page.</summary>
public sealed class InfolineAccessTests
{
    public static TheoryData<string> Pages => new("/infoline", "/infoline/book", "/infoline/booking", "/infoline/wish", "/infoline/offers");

    [Theory]
    [InlineData(StaffRole.Clerk)]
    [InlineData(StaffRole.OfficeManager)]
    public async Task OtherRoles_Get403_OnEveryInfolinePage(StaffRole role)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, _) = await StaffSessions.SignedInAsync(app, role, "hauptbahnhof");

        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/staff/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            using var denied = await client.GetAsync(response.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using var post = await client.PostAsync("/infoline/offers", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/infoline/offers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.InfolineAgent)]
    [InlineData(StaffRole.Administrator)]
    public async Task InfolineAgentsAndAdministrators_MayAnswerCalls(StaffRole role)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (client, _) = await StaffSessions.SignedInAsync(app, role);

        foreach (var page in new[] { "/infoline", "/infoline/booking", "/infoline/wish", "/infoline/offers" })
        {
            using var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
        }

        var staffHome = await client.GetStringAsync("/staff");
        Assert.Contains("href=\"/infoline\"", staffHome, StringComparison.Ordinal);
    }
}
