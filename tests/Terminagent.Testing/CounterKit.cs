using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;

namespace Terminagent.Testing;

/// <summary>
/// Puts citizens in today's queue and drives the counters. Ticket holders are written straight
/// into the database, as the kiosk will: the counter only needs their visit.
/// </summary>
public static class CounterKit
{
    public const string Office = Scenario.Office;

    /// <summary>How long after its start an appointment may still check in (OfficeDay:NoShowAfterMinutes by default).</summary>
    public static readonly Duration Grace = Duration.FromMinutes(15);

    /// <summary>Books and confirms the <paramref name="index"/>th free time of today at the office.</summary>
    public static async Task<(Booking Booking, AgentKit Kit)> BookTodayAsync(ITestHost app, int index = 0)
    {
        var times = await Scenario.FreeTimesAsync(app);
        var kit = new AgentKit(app);
        var id = await kit.BookAsync(times[index].Start, $"citizen{index}@example.org", Scenario.Service, Scenario.Office);
        var booking = await Scenario.BookingAsync(app, id);
        Assert.Equal(app.Now.InUtc().Date, booking.Start.InUtc().Date);
        return (booking, kit);
    }

    /// <summary>The taken places of each slot of the booking.</summary>
    public static async Task<IReadOnlyList<int>> TakenAsync(ITestHost app, Booking booking) =>
        (await Scenario.SlotsOfAsync(app, booking.Slots.Select(s => s.SlotId))).Select(s => s.Taken).ToList();

    /// <summary>A walk-in with ticket <paramref name="number"/>, due now unless given, arrived now.</summary>
    public static async Task<Visit> TicketVisitAsync(ITestHost app, int number, Instant? dueAt = null, string office = Office)
    {
        var visit = History.Walkin(app.Services.GetRequiredService<City>(), office, app.Now, number, dueAt);
        await using var db = app.NewDb();
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        return visit;
    }

    public static async Task<IReadOnlyList<Visit>> TicketVisitsAsync(ITestHost app, int count)
    {
        var visits = new List<Visit>();
        for (var i = 1; i <= count; i++)
        {
            visits.Add(await TicketVisitAsync(app, i));
            app.Advance(Duration.FromSeconds(10));
        }

        return visits;
    }

    public static Task<CounterResult> CallNextAsync(ITestHost app, int counter, string office = Office) =>
        app.InScopeAsync(sp => sp.GetRequiredService<CounterService>().CallNextAsync(office, counter, CancellationToken.None));

    public static Task<CounterResult> ActAsync(ITestHost app, int counter, Guid visit, CounterAction action, string office = Office) =>
        app.InScopeAsync(sp => sp.GetRequiredService<CounterService>().ActAsync(office, counter, visit, action, CancellationToken.None));

    public static Task<CheckInResult> CheckInAsync(ITestHost app, string code, string office = Office) =>
        app.InScopeAsync(sp => sp.GetRequiredService<CheckInService>().CheckInAsync(office, code, CancellationToken.None));

    public static Task<int> MarkNoShowsAsync(ITestHost app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<NoShowRule>().MarkDueAsync(app.Now, CancellationToken.None));

    public static async Task<Visit> VisitAsync(ITestHost app, Guid id)
    {
        await using var db = app.NewDb();
        return await db.Visits.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    public static async Task<IReadOnlyList<CallAnnouncement>> CallsAsync(ITestHost app)
    {
        await using var db = app.NewDb();
        return await db.CallAnnouncements.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>Runs every racer at once behind one gate (no threads of our own), and waits for all.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> racer)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(async i =>
        {
            await go.Task;
            return await racer(i);
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(racers);
    }
}
