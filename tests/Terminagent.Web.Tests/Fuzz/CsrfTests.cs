extern alias trust;

using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.BadInput;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>Every form is protected: a post without the anti-forgery token is refused and changes nothing, signed in or not.</summary>
public sealed class CsrfTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryPageForm_WithoutToken_IsRefused_AndChangesNothing_EvenForASignedInAdministrator(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (staff, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pages = FuzzRoutes.PagesWithForms(await AppRoutes.OfAsync(app));
        Assert.Contains(pages, p => p.Template == "/book");
        Assert.Contains(pages, p => p.Template == "/staff/accounts/new");
        DatabaseSnapshot before;
        await using (var db = app.NewDb())
        {
            before = await DatabaseSnapshot.TakeAsync(db);
        }

        var notRefused = new List<string>();
        // The error page takes any method by design (it only shows a message).
        foreach (var page in pages.Where(p => !p.Template.StartsWith("/error", StringComparison.Ordinal)))
        {
            var path = FilledPath(page.Template);
            foreach (var handler in page.PostHandlers)
            {
                var url = handler.Length == 0 ? path : $"{path}?handler={handler}";
                foreach (var client in new[] { staff, anonymous })
                {
                    using var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["name"] = "Erika Muster",
                        ["email"] = "erika@example.org",
                        ["service"] = "personalausweis",
                        ["office"] = "hauptbahnhof",
                    }));
                    var sentToSignIn = client == anonymous && response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location?.OriginalString.Contains("/staff/signin", StringComparison.Ordinal) == true;
                    if (response.StatusCode != HttpStatusCode.BadRequest && !sentToSignIn)
                    {
                        notRefused.Add($"{url} ({(client == staff ? "staff" : "anonymous")}) -> {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(notRefused.Count == 0, string.Join("\n", notRefused));
        await using (var db = app.NewDb())
        {
            Assert.Empty(before.DifferencesTo(await DatabaseSnapshot.TakeAsync(db)));
        }
    }

    [Fact]
    public void NoPage_IgnoresTheFormToken_ButTheErrorPage()
    {
        var ignoring = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && t.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>(inherit: true) is not null)
            .Select(t => t.FullName)
            .ToList();

        Assert.Equal(["Terminagent.Web.Features.Errors.ErrorModel"], ignoring);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    public async Task StaffApi_RefusesWhatAnotherSiteCouldPost_WithTheStaffCookie(string contentType)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (staff, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var content = new ByteArrayContent("a=b"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await staff.PostAsync("/api/v1/staff/offices/hauptbahnhof/counters/1/call-next", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StaffCookie_IsSameSiteStrict_AndHttpOnly()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var login = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var html = await client.GetAsync("/staff/signin");
        var antiforgery = html.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).First();
        var token = Forms.TokenIn(await html.Content.ReadAsStringAsync())!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/signin") { Content = Forms.Form(token, ("email", login.Email), ("password", login.Password)) };
        request.Headers.Add("Cookie", antiforgery);

        using var response = await client.SendAsync(request);

        var staffCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("terminagent-staff=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", staffCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", staffCookie, StringComparison.OrdinalIgnoreCase);
    }

    private static string FilledPath(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[a-zA-Z]+)(:(?<c>[a-z]+))?\}", m => (m.Groups["name"].Value, m.Groups["c"].Value) switch
        {
            (_, "int") => "1",
            (_, "guid") => Guid.NewGuid().ToString(),
            ("office", _) => "hauptbahnhof",
            ("service", _) => "personalausweis",
            _ => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        });
}
