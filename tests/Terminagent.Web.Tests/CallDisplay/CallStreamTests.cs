using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.CallDisplay;

/// <summary>
/// The display's event stream: calls arrive as they are made, a reconnect resumes after the last
/// event id, and a call made on another app instance arrives through the regular database look.
/// Each test gives up after half a minute instead of hanging; nothing waits on real time otherwise.
/// </summary>
public sealed class CallStreamTests
{
    private const string Events = "/display/hauptbahnhof/events";

    private static CancellationTokenSource Patience() => new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task CallAtTheCounterPage_ReachesTheStream_WithoutWaitingForTheClock()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        await TicketVisitsAsync(app, 1);
        using var patience = Patience();
        await using var stream = await EventStream.OpenAsync(clerk, Events, null, patience.Token);
        Assert.True(stream.Response.Headers.CacheControl is { NoCache: true, NoStore: true });
        var next = stream.NextAsync(patience.Token);

        using var called = await Forms.PostAsync(clerk, "/counter/hauptbahnhof/3", "/counter/hauptbahnhof/3?handler=callNext");

        var call = await next;
        var stored = Assert.Single(await CallsAsync(app));
        Assert.Equal((stored.Id, "call"), (call.NumericId, call.Type));
        Assert.Equal("001", call.Json.GetProperty("label").GetString());
        Assert.Equal("3", call.Json.GetProperty("counter").GetString());
        Assert.Equal("Schalter 3", call.Json.GetProperty("counterName").GetString());
        Assert.Equal("10:00", call.Json.GetProperty("time").GetString());
        Assert.Equal(stored.VisitId, call.Json.GetProperty("visitId").GetGuid());
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_GetsOnlyTheCallsAfterIt_ThenNewOnes()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        await TicketVisitsAsync(app, 5);
        for (var counter = 1; counter <= 3; counter++)
        {
            Assert.True((await CallNextAsync(app, counter)).Succeeded);
        }

        var ids = (await CallsAsync(app)).Select(c => c.Id).ToList();
        using var patience = Patience();

        await using (var resumed = await EventStream.OpenAsync(clerk, Events, ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), patience.Token))
        {
            Assert.Equal(ids[1], (await resumed.NextAsync(patience.Token)).NumericId);
            Assert.Equal(ids[2], (await resumed.NextAsync(patience.Token)).NumericId);
            var next = resumed.NextAsync(patience.Token);
            Assert.True((await CallNextAsync(app, 4)).Succeeded);
            var fourth = await next;
            Assert.Equal(("004", "4"), (fourth.Json.GetProperty("label").GetString(), fourth.Json.GetProperty("counter").GetString()));
            Assert.Equal(ids[2], (await CallsAsync(app)).Where(c => c.Id < fourth.NumericId).Max(c => c.Id));
        }

        await using (var fromPage = await EventStream.OpenAsync(clerk, $"{Events}?after={ids[2]}", null, patience.Token))
        {
            Assert.Equal("004", (await fromPage.NextAsync(patience.Token)).Json.GetProperty("label").GetString());
        }

        // Without a position the stream starts from now on: the next event is the next call.
        await using var fresh = await EventStream.OpenAsync(clerk, Events, null, patience.Token);
        var upcoming = fresh.NextAsync(patience.Token);
        Assert.True((await CallNextAsync(app, 5)).Succeeded);
        Assert.Equal("005", (await upcoming).Json.GetProperty("label").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallOnASecondInstance_ReachesAStreamOnTheFirst_AtItsNextLook(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        await using var second = TestApp.StartSecondInstance(first);
        var (clerk, _) = await StaffSessions.SignedInAsync(first, StaffRole.Clerk, "hauptbahnhof");
        await TicketVisitsAsync(first, 1);
        using var patience = Patience();
        await using var stream = await EventStream.OpenAsync(clerk, Events, null, patience.Token);
        var next = stream.NextAsync(patience.Token);

        Assert.True((await CallNextAsync(second, 2)).Succeeded);

        // The first instance heard nothing in-process: its stream finds the call when its clock moves on.
        while (!next.IsCompleted)
        {
            first.Advance(Duration.FromSeconds(2));
            await Task.WhenAny(next, Task.Delay(50, patience.Token));
        }

        var call = await next;
        Assert.Equal(("001", "2"), (call.Json.GetProperty("label").GetString(), call.Json.GetProperty("counter").GetString()));
    }

    [Fact]
    public async Task QuietStream_SendsAHeartbeatComment()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        using var patience = Patience();
        await using var stream = await EventStream.OpenAsync(clerk, Events, null, patience.Token);
        Assert.Equal("retry: 3000", await stream.NextLineAsync(patience.Token));
        Assert.Equal("", await stream.NextLineAsync(patience.Token));

        var line = stream.NextLineAsync(patience.Token);
        while (!line.IsCompleted)
        {
            app.Advance(Duration.FromSeconds(2));
            await Task.WhenAny(line, Task.Delay(50, patience.Token));
        }

        Assert.Equal(": keep-alive", await line);
    }
}
