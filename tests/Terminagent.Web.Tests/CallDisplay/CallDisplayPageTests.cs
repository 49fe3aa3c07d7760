using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.CallDisplay;

/// <summary>The call display page: who may open it, and what it shows before any script runs.</summary>
public sealed class CallDisplayPageTests
{
    private static async Task<HttpClient> DeviceAsync(TestApp app, string office, DeviceKind kind, bool revoked = false)
    {
        var token = await app.InScopeAsync(async sp =>
        {
            var registry = sp.GetRequiredService<DeviceRegistry>();
            var (device, secret) = await registry.IssueAsync(office, kind, "Wartezimmer", Guid.NewGuid(), CancellationToken.None);
            if (revoked)
            {
                await registry.RevokeAsync(device.Id, office, CancellationToken.None);
            }

            return secret;
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DeviceRegistry.CookieName(kind)}={token}");
        return client;
    }

    [Fact]
    public async Task DisplayAndStream_AreOpenToTheOfficesDisplaysAndStaff_AndRefusedToEveryoneElse()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var callers = new List<(string Who, HttpClient Client, bool Allowed)>
        {
            ("anonymous", app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), false),
            ("display of the office", await DeviceAsync(app, "hauptbahnhof", DeviceKind.CallDisplay), true),
            ("display of another office", await DeviceAsync(app, "bilk", DeviceKind.CallDisplay), false),
            ("revoked display", await DeviceAsync(app, "hauptbahnhof", DeviceKind.CallDisplay, revoked: true), false),
            ("kiosk of the office", await DeviceAsync(app, "hauptbahnhof", DeviceKind.Kiosk), false),
            ("clerk here", (await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof")).Client, true),
            ("clerk elsewhere", (await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "bilk")).Client, false),
            ("infoline agent", (await StaffSessions.SignedInAsync(app, StaffRole.InfolineAgent)).Client, false),
            ("office manager here", (await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, "hauptbahnhof")).Client, true),
            ("office manager elsewhere", (await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, "bilk")).Client, false),
            ("administrator", (await StaffSessions.SignedInAsync(app, StaffRole.Administrator)).Client, true),
        };
        var wrong = new List<string>();
        foreach (var (who, client, allowed) in callers)
        {
            using (client)
            {
                using var page = await client.GetAsync("/display/hauptbahnhof");
                var html = await page.Content.ReadAsStringAsync();
                var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                if (page.StatusCode != expected || (allowed ? !html.Contains("data-call-display", StringComparison.Ordinal) : !html.Contains("Diese Anzeige ist nicht freigeschaltet", StringComparison.Ordinal)))
                {
                    wrong.Add($"{who} page: {(int)page.StatusCode}, expected {(int)expected}");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, "/display/hauptbahnhof/events");
                using var events = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (events.StatusCode != expected || (allowed && events.Content.Headers.ContentType?.MediaType != "text/event-stream"))
                {
                    wrong.Add($"{who} events: {(int)events.StatusCode} {events.Content.Headers.ContentType?.MediaType}, expected {(int)expected}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task UnknownOffice_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var page = await admin.GetAsync("/display/atlantis");
        using var events = await admin.GetAsync("/display/atlantis/events");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
    }

    [Fact]
    public async Task Display_ShowsTheLatestCallLarge_TheOnesBefore_AndARecalledCitizenOnce()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var display = await DeviceAsync(app, "hauptbahnhof", DeviceKind.CallDisplay);
        var visits = await TicketVisitsAsync(app, 3);
        await CallNextAsync(app, 1);
        await CallNextAsync(app, 2);
        await CallNextAsync(app, 3);
        await ActAsync(app, 1, visits[0].Id, CounterAction.Recall);
        await TicketVisitAsync(app, 9, office: "bilk");
        await CallNextAsync(app, 1, office: "bilk");
        var lastHere = (await CallsAsync(app)).Where(c => c.OfficeId == "hauptbahnhof").Max(c => c.Id);

        var html = await display.GetStringAsync("/display/hauptbahnhof");

        Assert.Contains($"data-last-id=\"{lastHere}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-events=\"/display/hauptbahnhof/events\"", html, StringComparison.Ordinal);
        var latest = html[html.IndexOf("id=\"latest\"", StringComparison.Ordinal)..html.IndexOf("id=\"previous\"", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"label\">001</span>", latest, StringComparison.Ordinal);
        Assert.Contains("<span class=\"counter\">Schalter 1</span>", latest, StringComparison.Ordinal);
        var previous = html[html.IndexOf("id=\"previous\"", StringComparison.Ordinal)..];
        Assert.True(previous.IndexOf(">003<", StringComparison.Ordinal) < previous.IndexOf(">002<", StringComparison.Ordinal));
        Assert.DoesNotContain(">001<", previous, StringComparison.Ordinal);
        Assert.DoesNotContain(">009<", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"15\"></noscript>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-header", html, StringComparison.Ordinal);
    }
}
