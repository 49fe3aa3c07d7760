extern alias trust;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Email;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.Infrastructure;

namespace Terminagent.Web.Tests.Faults;

/// <summary>
/// The SMTP server down for ten minutes while citizens hold, confirm and cancel appointments and
/// leave wishes (the agent offers the freed place): the sender's rounds fail and back off; once a
/// real SMTP server listens on the port again, every outbox row arrives, each exactly once.
/// </summary>
public sealed class SmtpOutageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SmtpDownForTenMinutes_EveryEmailArrivesAfterwards_NoneTwice(DatabaseProvider provider)
    {
        var port = SmtpSink.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "outage-" + Guid.NewGuid().ToString("N"));
        await using var app = await TestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Mail:Transport"] = "Smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:TimeoutSeconds"] = "5",
        });
        var inbox = new Inbox(app.Database.Provider, app.Database.ConnectionString);
        var sender = app.Services.GetRequiredService<OutboxSender>();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/wishes", new
        {
            serviceId = Scenario.Service,
            officeIds = new[] { Scenario.Office },
            weekdays = new[] { 1, 2, 3, 4, 5, 6 },
            windows = new[] { new { from = "07:00", to = "20:00" } },
            name = "Max Mustermann",
            email = "max@example.org",
        })).StatusCode);
        var wishToken = await inbox.LinkTokenAsync("max@example.org", "/wish/confirm/", CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = wishToken })).StatusCode);

        // Days ahead: a place freed today would be too close to offer.
        var times = (await Scenario.FreeTimesAsync(app)).Where(t => t.Start > app.Now + Duration.FromDays(2)).ToList();
        string? manage = null;
        for (var i = 0; i < 4; i++)
        {
            var email = $"erika{i}@example.org";
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/bookings", new
            {
                serviceId = Scenario.Service,
                officeId = Scenario.Office,
                start = times[i].Start.ToDateTimeOffset(),
                name = "Erika Mustermann",
                email,
            })).StatusCode);
            var confirm = await inbox.LinkTokenAsync(email, "/confirm/", CancellationToken.None);
            var confirmed = await client.PostAsJsonAsync("/api/v1/bookings/confirm", new { token = confirm });
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            manage ??= (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/bookings/cancel", new { token = manage })).StatusCode);

        // Ten minutes without a mail server: the worker's rounds every 5 s all fail.
        for (var second = 0; second < 600; second += 5)
        {
            Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
            app.Advance(Duration.FromSeconds(5));
        }

        List<string> queued;
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt != null));
            Assert.True(await db.OutboxMessages.AllAsync(m => m.Attempts >= 5), "every row was tried again and again");
            Assert.True(await db.Offers.AnyAsync(), "the cancelled place was offered to the wish, by email too");
            queued = await db.OutboxMessages.Select(m => m.MessageId).ToListAsync();
        }

        Assert.True(queued.Count >= 11, $"only {queued.Count} emails queued");

        await using var smtp = await SmtpSink.StartAsync(folder, port);
        for (var second = 0; second <= 660 && smtp.Messages().Count < queued.Count; second += 5)
        {
            await sender.SendDueAsync(CancellationToken.None);
            app.Advance(Duration.FromSeconds(5));
        }

        for (var round = 0; round < 10; round++)
        {
            Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
            app.Advance(Duration.FromMinutes(10));
        }

        var received = smtp.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(queued.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt == null));
        }

        Directory.Delete(folder, recursive: true);
    }
}
