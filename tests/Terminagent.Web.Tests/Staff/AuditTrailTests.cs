using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Audit;
using Terminagent.Web.Tests.Infoline;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.StaffAccounts.AccountPages;

namespace Terminagent.Web.Tests.Staff;

/// <summary>
/// Every kind of staff action, done through the pages as staff do it, leaves exactly one entry in
/// the audit log, with who, where and what, and no citizen's name, email or phone. The table has
/// one row per kind the app knows (<see cref="AuditActions.All"/>), so a kind without a step fails here.
/// </summary>
public sealed partial class AuditTrailTests
{
    private const string Office = "hauptbahnhof";
    private const string Counter = "/counter/hauptbahnhof/1";

    /// <summary>What the citizens in this test are called and reached by: none of it may reach the log.</summary>
    private static readonly string[] CitizenData =
        ["Karl Anrufer", "Kurt Anrufer", "Wilma Wartend", "Wanda Wartend", "0211 987654", "0211 123456", "erika", "karl@example.org"];

    private sealed record Step(string Action, Func<Task<Expected>> Act);

    /// <summary>Whom the entry names (null: a name without an account), the office, and a part of its details.</summary>
    private sealed record Expected(Guid? StaffId, string? OfficeId, string DetailsPart);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryStaffAction_LeavesExactlyOneEntry_WithoutCitizenData(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, adminLogin) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var (manager, managerLogin) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (clerk, clerkLogin) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, Office);
        var agent = await InfolineKit.SignInAsync(app);
        var agentId = await InfolineAgentIdAsync(app);
        var other = await StaffSessions.CreateAsync(app, StaffRole.Clerk, Office);
        var visits = await CounterKit.TicketVisitsAsync(app, 2);
        string? deviceToken = null;
        Guid deviceId = default;
        Booking? karl = null;
        Wish? wilma = null;

        Step[] steps =
        [
            new(AuditActions.SignIn, async () =>
            {
                await StaffSessions.SignInAsync(app, other);
                return new(other.Id, null, "");
            }),
            new(AuditActions.SignInFailed, async () =>
            {
                Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(app, other.Email, "not-the-password"));
                return new(other.Id, null, "");
            }),
            new(AuditActions.SignInLocked, async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await SignInStatusAsync(app, "nobody@staff.demostadt.example", "guess-" + i);
                }

                return new(null, null, "");
            }),
            new(AuditActions.OwnPassword, async () =>
            {
                using var changed = await Forms.PostAsync(clerk, "/staff/password", null,
                    ("current", clerkLogin.Password), ("new", "Der Rhein fließt nordwärts"), ("repeat", "Der Rhein fließt nordwärts"));
                Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
                return new(clerkLogin.Id, null, "");
            }),
            new(AuditActions.AccountNew, async () =>
            {
                using var created = await CreateAsync(admin, "Nina Neumann", "nina@staff.demostadt.example", "Clerk", Office);
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
                return new(adminLogin.Id, null, "nina@staff.demostadt.example");
            }),
            new(AuditActions.AccountChange, async () =>
            {
                using var saved = await SaveAsync(admin, other.Id, "OfficeManager", false, Office);
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
                return new(adminLogin.Id, null, "Role: Clerk → OfficeManager");
            }),
            new(AuditActions.AccountDisable, async () =>
            {
                using var saved = await SaveAsync(admin, other.Id, "OfficeManager", true, Office);
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
                return new(adminLogin.Id, null, "Disabled: no → yes");
            }),
            new(AuditActions.AccountEnable, async () =>
            {
                using var saved = await SaveAsync(admin, other.Id, "OfficeManager", false, Office);
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
                return new(adminLogin.Id, null, "Disabled: yes → no");
            }),
            new(AuditActions.AccountUnlock, async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await SignInStatusAsync(app, other.Email, "wrong-" + i);
                }

                using var unlocked = await UnlockAsync(admin, other.Id);
                Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
                return new(adminLogin.Id, null, other.Email);
            }),
            new(AuditActions.AccountPasswordReset, async () =>
            {
                using var reset = await ResetPasswordAsync(admin, other.Id);
                Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
                return new(adminLogin.Id, null, other.Email);
            }),
            new(AuditActions.DeviceIssue, async () =>
            {
                using var issued = await Forms.PostAsync(manager, $"/staff/devices/{Office}", $"/staff/devices/{Office}?handler=issue", ("kind", "CallDisplay"), ("name", "Wartebereich"));
                deviceToken = DeviceLink().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
                await using var db = app.NewDb();
                deviceId = (await db.Devices.AsNoTracking().SingleAsync(d => d.Name == "Wartebereich")).Id;
                return new(managerLogin.Id, Office, "Device: Wartebereich");
            }),
            new(AuditActions.DeviceActivate, async () =>
            {
                using var tablet = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                using var activated = await Forms.PostAsync(tablet, $"/devices/activate?token={deviceToken}", "/devices/activate", ("token", deviceToken!));
                Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
                Assert.DoesNotContain(deviceToken!, await LastDetailsAsync(app), StringComparison.Ordinal);
                return new(null, Office, deviceId.ToString());
            }),
            new(AuditActions.DeviceRevoke, async () =>
            {
                using var revoked = await Forms.PostAsync(manager, "/staff/password", $"/staff/devices/{Office}?handler=revoke", ("device", deviceId.ToString()));
                Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
                return new(managerLogin.Id, Office, deviceId.ToString());
            }),
            new(AuditActions.CounterCallNext, async () =>
            {
                await CounterAsync(clerk, "CallNext");
                return new(clerkLogin.Id, Office, "Visit: 001");
            }),
            new(AuditActions.CounterServe, async () =>
            {
                await CounterAsync(clerk, "Act", ("visit", visits[0].Id.ToString()), ("what", "Serve"));
                return new(clerkLogin.Id, Office, "Visit: 001");
            }),
            new(AuditActions.CounterPark, async () =>
            {
                await CounterKit.CallNextAsync(app, 1);
                await CounterAsync(clerk, "Act", ("visit", visits[1].Id.ToString()), ("what", "Park"));
                return new(clerkLogin.Id, Office, "Visit: 002");
            }),
            new(AuditActions.CounterCallParked, async () =>
            {
                await CounterAsync(clerk, "Act", ("visit", visits[1].Id.ToString()), ("what", "CallParked"));
                return new(clerkLogin.Id, Office, "Counter: 1");
            }),
            new(AuditActions.CounterRecall, async () =>
            {
                await CounterAsync(clerk, "Act", ("visit", visits[1].Id.ToString()), ("what", "Recall"));
                return new(clerkLogin.Id, Office, "Visit: 002");
            }),
            new(AuditActions.CounterNoShow, async () =>
            {
                await CounterAsync(clerk, "Act", ("visit", visits[1].Id.ToString()), ("what", "NoShow"));
                return new(clerkLogin.Id, Office, "Visit: 002");
            }),
            new(AuditActions.CounterCheckIn, async () =>
            {
                var time = await Scenario.FirstFreeTimeAsync(app);
                var booking = await Scenario.BookingAsync(app, await new AgentKit(app).BookAsync(time.Start, "erika@example.org", Scenario.Service, Scenario.Office));
                await CounterAsync(clerk, "CheckIn", ("code", booking.Code));
                return new(clerkLogin.Id, Office, booking.Code);
            }),
            new(AuditActions.BookingForCaller, async () =>
            {
                karl = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer", "karl@example.org", "0211 123456");
                return new(agentId, Office, karl.Code);
            }),
            new(AuditActions.BookingLookUp, async () =>
            {
                var (found, _) = await agent.LookUpAsync(karl!.Code, "Karl Anrufer");
                Assert.Equal(HttpStatusCode.OK, found.StatusCode);
                return new(agentId, Office, karl.Code);
            }),
            new(AuditActions.BookingMove, async () =>
            {
                var later = await agent.FreeTimeAsync(daysAhead: 3, skip: 1);
                var (moved, _) = await agent.LookUpAsync(karl!.Code, "Karl Anrufer", "move", ("at", later.OfficeId), ("start", InstantPattern.General.Format(later.Start)));
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
                return new(agentId, Office, karl.Code);
            }),
            new(AuditActions.WishForCaller, async () =>
            {
                wilma = await agent.WishAsync("Wilma Wartend", phone: "0211 987654");
                return new(agentId, null, wilma.Id.ToString());
            }),
            new(AuditActions.BookingCancel, async () =>
            {
                var (cancelled, _) = await agent.CancelAsync(karl!.Code, "Karl Anrufer");
                Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
                return new(agentId, Office, karl.Code);
            }),
            new(AuditActions.OfferAccept, async () =>
            {
                var offer = await agent.OpenOfferOfAsync(wilma!.Id);
                var (accepted, _) = await agent.AnswerAsync(offer.Id, "accepted");
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
                return new(agentId, Office, offer.Id.ToString());
            }),
            new(AuditActions.OfferDecline, async () =>
            {
                var kurt = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 4), "Kurt Anrufer");
                var wanda = await agent.WishAsync("Wanda Wartend", phone: "0211 987654");
                await agent.CancelAsync(kurt.Code, "Kurt Anrufer");
                var offer = await agent.OpenOfferOfAsync(wanda.Id);
                var (declined, _) = await agent.AnswerAsync(offer.Id, "keep");
                Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
                return new(agentId, Office, "Wish: kept");
            }),
            new(AuditActions.StatisticsExport, async () =>
            {
                using var csv = await manager.GetAsync($"/staff/statistics/export/appointments.csv?office={Office}");
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                return new(managerLogin.Id, Office, "Table: appointments");
            }),
            new(AuditActions.SignOut, async () =>
            {
                using var signedOut = await Forms.PostAsync(clerk, "/staff/password", "/staff/signout");
                Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
                return new(clerkLogin.Id, null, "");
            }),
        ];

        Assert.Equal(AuditActions.All.Select(a => a.Key).Order(StringComparer.Ordinal), steps.Select(s => s.Action).Order(StringComparer.Ordinal));
        var wrong = new List<string>();
        foreach (var step in steps)
        {
            var before = await EntriesAsync(app);
            var lastId = before.Count == 0 ? 0 : before[^1].Id;
            var expected = await step.Act();
            var added = (await EntriesAsync(app)).Where(e => e.Id > lastId && e.Action == step.Action).ToList();
            if (added.Count != 1)
            {
                wrong.Add($"{step.Action}: {added.Count} entries");
                continue;
            }

            var entry = added[0];
            if (entry.StaffId != expected.StaffId || entry.OfficeId != expected.OfficeId || !entry.Details.Contains(expected.DetailsPart, StringComparison.Ordinal))
            {
                wrong.Add($"{step.Action}: by {entry.StaffId} ({entry.Actor}) at {entry.OfficeId}: {entry.Details}; expected {expected}");
            }
        }

        Assert.Empty(wrong);
        var all = await EntriesAsync(app);
        Assert.DoesNotContain(all, e => CitizenData.Any(d => e.Details.Contains(d, StringComparison.OrdinalIgnoreCase) || e.Actor.Contains(d, StringComparison.OrdinalIgnoreCase)));
        Assert.All(all, e => Assert.Equal(app.Now.ToDateTimeOffset().Date, e.At.ToDateTimeOffset().Date));

        // The audit page names every kind in the staff's words, and its filters narrow the list.
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/administration/audit?kind=counter"));
        Assert.Contains("Nächste Person aufgerufen", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Konto angelegt", page, StringComparison.Ordinal);
        var english = WebUtility.HtmlDecode(await admin.GetStringAsync($"/staff/administration/audit?kind=accounts&actor={adminLogin.Id}&lang=en"));
        Assert.Contains("Account created", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Next citizen called", english, StringComparison.Ordinal);
        var signIns = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/administration/audit?kind=signin"));
        Assert.Contains("unbekannter Name", signIns, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody@staff.demostadt.example", signIns, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARefusedOrRepeatedAction_LeavesNoEntry(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, Office);
        var agent = await InfolineKit.SignInAsync(app);
        var karl = await agent.BookedAsync(await agent.FreeTimeAsync(daysAhead: 3), "Karl Anrufer");
        await agent.CancelAsync(karl.Code, "Karl Anrufer");
        var before = (await EntriesAsync(app)).Count;

        // Nobody waits; the booking is cancelled already; the code is unknown.
        await CounterAsync(clerk, "CallNext");
        var (again, _) = await agent.CancelAsync(karl.Code, "Karl Anrufer");
        await CounterAsync(clerk, "CheckIn", ("code", "ZZZZ-ZZZZ"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(before, (await EntriesAsync(app)).Count);
    }

    private static async Task CounterAsync(HttpClient clerk, string handler, params (string Name, string Value)[] fields)
    {
        using var response = await Forms.PostAsync(clerk, Counter, $"{Counter}?handler={handler}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<List<AuditEntry>> EntriesAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private static async Task<string> LastDetailsAsync(TestApp app) => (await EntriesAsync(app))[^1].Details;

    private static async Task<Guid> InfolineAgentIdAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Role == StaffRole.InfolineAgent)).Id;
    }

    [GeneratedRegex("/devices/activate\\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex DeviceLink();
}
