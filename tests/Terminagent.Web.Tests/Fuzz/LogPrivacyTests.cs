using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>Real flows with every log line the app would write captured: no name, address, phone, link token or password in them.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task BookingAndStaffFlows_LeaveNoPersonalDataInTheLog()
    {
        var logs = new LogCapture(LogLevel.Trace, appFilters: true);
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, configure: logs.AddTo);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        const string name = "Wilhelmine Zauberkraut";
        const string email = "wilhelmine.zauberkraut@example.org";
        const string phone = "0211 7654321";
        // Two days ahead: far enough for the agent to offer the place once it is cancelled.
        var time = (await Scenario.FreeTimesAsync(app)).First(t => t.Start > app.Now + NodaTime.Duration.FromDays(2));

        using var hold = await client.PostAsJsonAsync("/api/v1/bookings", new
        {
            serviceId = Scenario.Service,
            officeId = time.OfficeId,
            start = time.Start.ToDateTimeOffset(),
            name,
            email,
            phone,
        });
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
        var mail = Assert.Single(await app.DeliverMailAsync());
        var confirmToken = Scenario.TokenIn(mail, "/confirm/");
        using var confirmed = await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token = confirmToken });
        var manageToken = JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync()).RootElement.GetProperty("manageToken").GetString()!;
        (await client.GetAsync($"/api/v1/bookings/{manageToken}")).Dispose();
        (await client.GetAsync($"/appointment/{manageToken}")).Dispose();
        (await client.GetAsync($"/confirm/{confirmToken}")).Dispose();

        // A second person waits for the same time; the cancellation offers it to them and they accept.
        const string waiterName = "Kunigunde Sauerampfer";
        const string waiterEmail = "kunigunde.sauerampfer@example.org";
        using var wish = await client.PostAsJsonAsync("/api/v1/wishes", new
        {
            serviceId = Scenario.Service,
            officeIds = new[] { time.OfficeId },
            weekdays = new[] { 1, 2, 3, 4, 5, 6 },
            windows = new[] { new { from = "07:00", to = "20:00" } },
            name = waiterName,
            email = waiterEmail,
        });
        Assert.Equal(HttpStatusCode.Created, wish.StatusCode);
        var wishToken = Scenario.TokenIn(Assert.Single(await app.DeliverMailAsync(), m => m.To.ToString().Contains(waiterEmail, StringComparison.Ordinal)), "/wish/confirm/");
        using var wishConfirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = wishToken });
        Assert.Equal(HttpStatusCode.OK, wishConfirmed.StatusCode);
        await app.DeliverMailAsync();
        using var cancelled = await client.PostAsJsonAsync("/api/v1/bookings/cancel", new { token = manageToken });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var offerMail = Assert.Single(
            await app.DeliverMailAsync(),
            m => m.To.ToString().Contains(waiterEmail, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("/offer/", StringComparison.Ordinal));
        var offerToken = Scenario.TokenIn(offerMail, "/offer/");
        (await client.GetAsync($"/offer/{offerToken}")).Dispose();
        using var accepted = await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = offerToken });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var refused = await client.PostAsJsonAsync("/api/v1/bookings", new
        {
            serviceId = Scenario.Service,
            officeId = time.OfficeId,
            start = time.Start.ToDateTimeOffset(),
            name,
            email = email + "\r\nBcc: x@example.org",
            phone,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var login = await StaffSessions.CreateAsync(app, StaffRole.Clerk, "hauptbahnhof");
        using (var wrong = await Forms.PostAsync(client, "/staff/signin", null, ("email", login.Email), ("password", login.Password + "x")))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }

        await StaffSessions.SignInAsync(app, login);
        await app.DeliverMailAsync();

        var secrets = new[] { name, "Zauberkraut", email, "7654321", confirmToken, manageToken, login.Password, waiterName, "Sauerampfer", waiterEmail, wishToken, offerToken };
        var leaks = logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.NotEmpty(logs.Lines);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(5)));
    }
}
