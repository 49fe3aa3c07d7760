using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Authorization;

/// <summary>
/// Every staff, counter, kiosk and display route of the app, tried as each kind of person. The
/// routes come from the running app, so a route nobody classified below fails the test by name.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Office = "hauptbahnhof";
    private const string OtherOffice = "bilk";

    /// <summary>The paths whose routes must all be classified in <see cref="Routes"/>.</summary>
    private static readonly string[] GuardedPrefixes = ["/staff", "/infoline", "/counter", "/display", "/kiosk", "/api/v1/staff"];

    /// <summary>Every guarded route template, exactly as the app declares it, and who may open it. One line a route.</summary>
    private static readonly Dictionary<string, Access> Routes = new(StringComparer.Ordinal)
    {
        ["/staff"] = Access.AnyStaff,
        ["/staff/signin"] = Access.Everyone,
        ["/staff/signout"] = Access.AnyStaff,
        ["/staff/denied"] = Access.RefusalPage,
        ["/staff/password"] = Access.AnyStaff,
        ["/staff/accounts"] = Access.ManageStaff,
        ["/staff/accounts/new"] = Access.ManageStaff,
        ["/staff/accounts/{id:guid}"] = Access.ManageStaff,
        ["/staff/devices/{office}"] = Access.ManageDevicesHere,
        ["/staff/devices/{office}/revoke/{device:guid}"] = Access.ManageDevicesHere,
        ["/staff/administration"] = Access.ManageOfficesAnywhere,
        ["/staff/administration/affected"] = Access.ManageOfficesAnywhere,
        ["/staff/administration/audit"] = Access.ManageOfficesAnywhere,
        ["/staff/administration/offices/{office}"] = Access.ManageOfficesHere,
        ["/staff/administration/offices/{office}/closed-days"] = Access.ManageOfficesHere,
        ["/staff/administration/offices/new"] = Access.ManageCity,
        ["/staff/administration/services"] = Access.ManageCity,
        ["/staff/administration/services/{service}"] = Access.ManageCity,
        ["/staff/statistics"] = Access.ViewStatistics,
        ["/staff/statistics/export/{table}.csv"] = Access.ViewStatistics,

        ["/infoline"] = Access.AnswerCalls,
        ["/infoline/book"] = Access.AnswerCalls,
        ["/infoline/booking"] = Access.AnswerCalls,
        ["/infoline/offers"] = Access.AnswerCalls,
        ["/infoline/wish"] = Access.AnswerCalls,
        ["/counter/{office}"] = Access.WorkAtCounterHere,
        ["/counter/{office}/{counter:int}"] = Access.WorkAtCounterHere,
        ["/api/v1/staff/offices/{office}/queue"] = Access.WorkAtCounterHere,
        ["/api/v1/staff/offices/{office}/counters/{counter:int}/call-next"] = Access.WorkAtCounterHere,
        ["/display/{office}"] = Access.CallDisplayHere with { AnonymousGetsRefusalPage = true },
        ["/display/{office}/events"] = Access.CallDisplayHere with { AnonymousGetsRefusalPage = true },
        ["/kiosk/{office}"] = Access.KioskDeviceOnly,
        ["/kiosk/{office}/checkin"] = Access.KioskDeviceOnly,
        ["/kiosk/{office}/ticket/{id:guid}"] = Access.KioskDeviceOnly,
    };

    /// <summary>What to put into a route parameter, by its name. Where a route needs an existing row, the fixture creates one.</summary>
    private static readonly Dictionary<string, Func<Fixture, string>> Parameters = new(StringComparer.Ordinal)
    {
        ["office"] = _ => Office,
        ["id"] = f => f.AccountId.ToString(),
        ["counter"] = _ => "1",
        ["service"] = _ => "personalausweis",
        ["table"] = _ => "appointments",
        ["device"] = _ => "3f2b8c1e-0d4a-4b7e-9c61-5a2e8f0b7d13",
    };

    /// <summary>The people every route is tried as, and what they can reach.</summary>
    private sealed class Fixture(TestApp app, Dictionary<Actor, HttpClient> clients, Guid accountId) : IAsyncDisposable
    {
        public TestApp App { get; } = app;

        public IReadOnlyDictionary<Actor, HttpClient> Clients { get; } = clients;

        /// <summary>An account that exists (the clerk of the other office), for /staff/accounts/{id}.</summary>
        public Guid AccountId { get; } = accountId;

        public static async Task<Fixture> StartAsync(DatabaseProvider provider)
        {
            var app = await TestApp.StartAsync(provider);
            var clients = new Dictionary<Actor, HttpClient>
            {
                [Actor.Anonymous] = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }),
            };
            var accountId = Guid.Empty;
            foreach (var (actor, role, offices) in new (Actor, StaffRole, string[])[]
            {
                (Actor.ClerkHere, StaffRole.Clerk, [Office]),
                (Actor.ClerkElsewhere, StaffRole.Clerk, [OtherOffice]),
                (Actor.InfolineAgent, StaffRole.InfolineAgent, []),
                (Actor.ManagerHere, StaffRole.OfficeManager, [Office]),
                (Actor.ManagerElsewhere, StaffRole.OfficeManager, [OtherOffice]),
                (Actor.Administrator, StaffRole.Administrator, []),
            })
            {
                var (client, login) = await StaffSessions.SignedInAsync(app, role, offices);
                clients[actor] = client;
                if (actor == Actor.ClerkElsewhere)
                {
                    accountId = login.Id;
                }
            }

            return new Fixture(app, clients, accountId);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in Clients.Values)
            {
                client.Dispose();
            }

            await App.DisposeAsync();
        }
    }

    /// <summary>The guarded routes the running app declares: template, pattern, and whether GET reaches it.</summary>
    private static List<(string Template, RoutePattern Pattern, bool AnswersGet)> GuardedRoutes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (
                Template: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.RoutePattern,
                AnswersGet: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET")))
            .Where(r => GuardedPrefixes.Any(p => r.Template == p || r.Template.StartsWith(p + "/", StringComparison.Ordinal)))
            .GroupBy(r => r.Template, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().RoutePattern, g.Any(r => r.AnswersGet)))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task EveryGuardedRoute_IsClassified()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var declared = GuardedRoutes(app).Select(r => r.Template).ToList();

        var unlisted = declared.Where(t => !Routes.ContainsKey(t)).ToList();
        var stale = Routes.Keys.Where(t => !declared.Contains(t)).ToList();

        Assert.True(unlisted.Count == 0,
            "These routes are not in the authorization table of AuthorizationMatrixTests.Routes; add a line for each saying who may open it:\n  "
            + string.Join("\n  ", unlisted));
        Assert.True(stale.Count == 0,
            "These routes are in AuthorizationMatrixTests.Routes but the app no longer declares them; remove or correct them:\n  "
            + string.Join("\n  ", stale));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryGuardedGetRoute_OpensForExactlyThePeopleAllowed(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.StartAsync(provider);
        var failures = new List<string>();
        var checkedRoutes = 0;

        foreach (var (template, pattern, answersGet) in GuardedRoutes(fixture.App))
        {
            if (!answersGet || !Routes.TryGetValue(template, out var access))
            {
                continue;
            }

            var path = PathOf(pattern, fixture, failures);
            if (path is null)
            {
                continue;
            }

            checkedRoutes++;
            foreach (var (actor, client) in fixture.Clients)
            {
                // Headers only: the call display's event stream never ends by itself.
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                if (Verdict(fixture.App, template, path, access, actor, response) is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }

        Assert.True(checkedRoutes > 0, "No route was checked.");
        Assert.True(failures.Count == 0, "Authorization does not match the table:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>A form posted by someone who may not post it: refused, and nothing changes.</summary>
    public sealed record RefusedPost(Actor Actor, string Path, (string Name, string Value)[] Fields);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PostsByTheWrongPeople_AreRefused_AndChangeNothing(DatabaseProvider provider)
    {
        await using var fixture = await Fixture.StartAsync(provider);
        var app = fixture.App;
        var device = await app.InScopeAsync(sp => sp.GetRequiredService<DeviceRegistry>()
            .IssueAsync(Office, DeviceKind.Kiosk, "Eingang", Guid.Empty, CancellationToken.None));
        var account = $"/staff/accounts/{fixture.AccountId}";
        var posts = new RefusedPost[]
        {
            new(Actor.Anonymous, "/staff/accounts/new", [("displayName", "Eve"), ("email", "eve@example.org"), ("role", "Administrator")]),
            new(Actor.ClerkHere, "/staff/accounts/new", [("displayName", "Eve"), ("email", "eve@example.org"), ("role", "Administrator")]),
            new(Actor.ManagerHere, "/staff/accounts/new", [("displayName", "Eve"), ("email", "eve@example.org"), ("role", "Administrator")]),
            new(Actor.InfolineAgent, $"{account}?handler=save", [("role", "Administrator")]),
            new(Actor.ManagerHere, $"{account}?handler=password", []),
            new(Actor.ClerkElsewhere, $"{account}?handler=unlock", []),
            new(Actor.ManagerElsewhere, $"/staff/devices/{Office}?handler=issue", [("kind", "CallDisplay"), ("name", "Fremd")]),
            new(Actor.ManagerElsewhere, $"/staff/devices/{Office}?handler=revoke", [("device", device.Device.Id.ToString())]),
            new(Actor.ClerkHere, $"/staff/devices/{Office}?handler=revoke", [("device", device.Device.Id.ToString())]),
            new(Actor.InfolineAgent, $"/staff/devices/{Office}?handler=issue", [("kind", "Kiosk"), ("name", "Fremd")]),
            new(Actor.ManagerElsewhere, $"/staff/administration/offices/{Office}/closed-days?handler=add", [("BasedOn", "1"), ("day", "2026-12-09"), ("confirmed", "true")]),
            new(Actor.ClerkHere, $"/staff/administration/offices/{Office}/closed-days?handler=add", [("BasedOn", "1"), ("day", "2026-12-09"), ("confirmed", "true")]),
            new(Actor.ManagerElsewhere, $"/staff/administration/offices/{Office}", [("BasedOn", "1"), ("Form.Name", "Fremd"), ("confirmed", "true")]),
            new(Actor.ManagerHere, "/staff/administration/services/personalausweis", [("BasedOn", "1"), ("NameDe", "Fremd"), ("NameEn", "Foreign"), ("DurationMinutes", "5"), ("Offices", Office), ("confirmed", "true")]),
            new(Actor.ManagerHere, "/staff/administration/offices/new", [("BasedOn", "1"), ("Id", "fremd"), ("Name", "Fremd"), ("Address", "Irgendwo"), ("confirmed", "true")]),
        };
        var before = await SnapshotAsync(app);
        var failures = new List<string>();

        foreach (var post in posts)
        {
            var client = fixture.Clients[post.Actor];
            var formPage = post.Actor == Actor.Anonymous ? "/staff/signin" : "/staff/password";
            using var response = await Forms.PostAsync(client, formPage, post.Path, post.Fields);
            if (Verdict(app, post.Path, post.Path, Access.Nobody, post.Actor, response) is { } failure)
            {
                failures.Add("POST " + failure);
            }
        }

        Assert.True(failures.Count == 0, "Posts were not refused:\n  " + string.Join("\n  ", failures));
        Assert.Equal(before, await SnapshotAsync(app));
    }

    /// <summary>Everything the refused posts could have changed, as one comparable text.</summary>
    private static async Task<string> SnapshotAsync(TestApp app)
    {
        await using var db = app.NewDb();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => $"{u.Id} {u.Email} {u.Role} {string.Join(',', u.OfficeIds)} {u.IsDisabled} {u.PasswordHash} {u.SecurityStamp} {u.LockoutEnd}")
            .ToListAsync();
        var devices = await db.Devices.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => $"{d.Id} {d.OfficeId} {d.Kind} {d.Name} {d.ActivatedAt} {d.RevokedAt}")
            .ToListAsync();
        var city = await db.CityVersions.AsNoTracking().OrderBy(v => v.Version).Select(v => $"{v.Version} {v.Document}").ToListAsync();
        var audit = await db.AuditEntries.CountAsync();
        return string.Join("\n", users.Concat(devices).Concat(city).Append($"audit entries: {audit}"));
    }

    /// <summary>The route's path with its parameters filled in, or null (and a failure) for a parameter without a value.</summary>
    private static string? PathOf(RoutePattern pattern, Fixture fixture, List<string> failures)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter when Parameters.TryGetValue(parameter.Name, out var value):
                        text += Uri.EscapeDataString(value(fixture));
                        break;
                    case RoutePatternParameterPart parameter:
                        failures.Add($"{pattern.RawText}: no value for the route parameter {{{parameter.Name}}}; add one to AuthorizationMatrixTests.Parameters.");
                        return null;
                }
            }

            segments.Add(text);
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>Null when the answer fits the table, else what went wrong, in words.</summary>
    private static string? Verdict(TestApp app, string template, string path, Access access, Actor actor, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var redirect = response.Headers.Location is { } location ? new Uri(app.BaseAddress, location).AbsolutePath : null;
        var toSignIn = redirect == "/staff/signin";
        var toDenied = redirect == "/staff/denied";
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        var seen = redirect is null ? $"{status}" : $"{status} → {redirect}";
        string Fail(string expected) => $"{template} ({path}) as {actor}: expected {expected}, got {seen}.";

        if (status >= 500)
        {
            return Fail("no server error");
        }

        if (access.IsRefusalPage)
        {
            return status == 403 && redirect is null ? null : Fail("403, the refusal page itself");
        }

        if (access.Allows(actor))
        {
            return status is 401 or 403 || toSignIn || toDenied ? Fail("to be let in") : null;
        }

        if (actor == Actor.Anonymous)
        {
            if (isApi)
            {
                return status == 401 ? null : Fail("401");
            }

            if (access.AnonymousGetsRefusalPage)
            {
                return status is 401 or 403 && redirect is null ? null : Fail("a refusal page (401/403) without a redirect to sign in");
            }

            return toSignIn ? null : Fail("a redirect to /staff/signin");
        }

        return status == 403 || toDenied ? null : Fail("403 or a redirect to /staff/denied");
    }
}
