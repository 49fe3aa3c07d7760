using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Tests.Infrastructure;

public sealed record StaffLogin(Guid Id, string Email, string Password, StaffRole Role, IReadOnlyList<string> OfficeIds);

/// <summary>Staff accounts for tests, created through the real account service and signed in through the real page.</summary>
public static class StaffSessions
{
    public static async Task<StaffLogin> CreateAsync(TestApp app, StaffRole role, params string[] officeIds)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@staff.demostadt.example";
        var result = await app.InScopeAsync(sp => sp.GetRequiredService<StaffAccountService>().CreateAsync(email, $"Test {role}", role, officeIds, "de"));
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return new StaffLogin(result.User!.Id, email, result.InitialPassword!, role, officeIds);
    }

    /// <summary>A client (with its own cookies, not following redirects) signed in as a new account of the role.</summary>
    public static async Task<(HttpClient Client, StaffLogin Login)> SignedInAsync(TestApp app, StaffRole role, params string[] officeIds)
    {
        var login = await CreateAsync(app, role, officeIds);
        return (await SignInAsync(app, login), login);
    }

    public static async Task<HttpClient> SignInAsync(TestApp app, StaffLogin login)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await Forms.PostAsync(client, "/staff/signin", null, ("email", login.Email), ("password", login.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
