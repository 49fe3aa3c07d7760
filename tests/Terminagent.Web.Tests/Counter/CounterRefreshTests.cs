using System.Net;
using System.Text.RegularExpressions;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.CallDisplay;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.Counter;

/// <summary>
/// The counter page keeps itself current: without script it reloads every 15 s; with script it
/// listens on the office's event stream (the call display's), which sends a "queue" event when a
/// walk-in draws a ticket or an appointment checks in elsewhere. The display's own stream is unchanged.
/// </summary>
public sealed partial class CounterRefreshTests
{
    private const string Page = "/counter/hauptbahnhof/1";

    private static CancellationTokenSource Patience() => new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task QueuePage_ReloadsItselfWithoutScript_AndListensOnTheOfficeStreamWithIt()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");

        var html = await clerk.GetStringAsync(Page);

        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"15\"></noscript>", head, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/js/counter.js\\?v=[^\"]+\" defer></script>", head);
        Assert.StartsWith("/display/hauptbahnhof/events?queue=", EventsOf(html), StringComparison.Ordinal);

        // Only the queue is swapped in: the check-in form, where a clerk types, is outside every live region.
        var checkIn = html.IndexOf("id=\"checkin-heading\"", StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"counter-current\"", StringComparison.Ordinal) < checkIn && checkIn < html.IndexOf("id=\"counter-queue\"", StringComparison.Ordinal));

        using var script = await clerk.GetAsync("/js/counter.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TicketAtTheKiosk_AndCheckInThere_ReachTheCounterStream_AsQueueEvents(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var (booking, _) = await BookTodayAsync(app, 2);
        using var kiosk = KioskKit.Client(app, await KioskKit.IssueKioskAsync(app));
        using var patience = Patience();
        var events = EventsOf(await clerk.GetStringAsync(Page));
        await using var stream = await EventStream.OpenAsync(clerk, events, null, patience.Token);
        var next = stream.NextAsync(patience.Token);

        using var drawn = await Forms.PostAsync(kiosk, "/kiosk/hauptbahnhof", null, ("service", KioskKit.ShortService));
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);

        var afterTicket = await next;
        Assert.Equal(("queue", null), (afterTicket.Type, afterTicket.Id));
        var stampAfterTicket = afterTicket.Json.GetProperty("stamp").GetString();
        Assert.NotEqual(StampIn(events), stampAfterTicket);
        Assert.Contains(">001<", await clerk.GetStringAsync(Page), StringComparison.Ordinal);

        next = stream.NextAsync(patience.Token);
        using var checkedIn = await Forms.PostAsync(kiosk, "/kiosk/hauptbahnhof/checkin", null, ("Code", booking.Code));
        Assert.Equal(HttpStatusCode.OK, checkedIn.StatusCode);

        var afterCheckIn = await next;
        Assert.Equal("queue", afterCheckIn.Type);
        Assert.NotEqual(stampAfterTicket, afterCheckIn.Json.GetProperty("stamp").GetString());
        Assert.Equal(afterCheckIn.Json.GetProperty("stamp").GetString(), StampIn(EventsOf(await clerk.GetStringAsync(Page))));
    }

    [Fact]
    public async Task PageOlderThanTheQueue_GetsAQueueEventAtOnce()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        var events = EventsOf(await clerk.GetStringAsync(Page));
        await TicketVisitAsync(app, 7);
        using var patience = Patience();

        await using var stream = await EventStream.OpenAsync(clerk, events, null, patience.Token);

        Assert.Equal("queue", (await stream.NextAsync(patience.Token)).Type);
    }

    [Fact]
    public async Task DisplayStream_WithoutQueue_GetsOnlyCalls()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (clerk, _) = await StaffSessions.SignedInAsync(app, StaffRole.Clerk, "hauptbahnhof");
        using var patience = Patience();
        await using var stream = await EventStream.OpenAsync(clerk, "/display/hauptbahnhof/events", null, patience.Token);
        var next = stream.NextAsync(patience.Token);

        await TicketVisitAsync(app, 1);
        Assert.True((await CallNextAsync(app, 1)).Succeeded);

        Assert.Equal("call", (await next).Type);
    }

    private static string EventsOf(string html) =>
        WebUtility.HtmlDecode(EventsAttribute().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No data-events on the counter page."));

    private static string StampIn(string events) => Uri.UnescapeDataString(events[(events.IndexOf("queue=", StringComparison.Ordinal) + "queue=".Length)..]);

    [GeneratedRegex("data-counter-live\\s+data-events=\"([^\"]+)\"")]
    private static partial Regex EventsAttribute();
}
