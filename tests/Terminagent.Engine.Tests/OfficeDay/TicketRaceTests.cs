using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>A crowd at one kiosk: every place of the day goes to exactly one ticket, numbered without gaps.</summary>
public sealed class TicketRaceTests
{
    private const int MoreDrawsThanPlaces = 8;

    [Theory]
    [DatabaseData]
    public async Task ConcurrentDraws_BeyondTodaysPlaces_IssueEachPlaceOnce_NumberedOneToN(DatabaseProvider provider)
    {
        // 11:50 in Demostadt: the 12:00 and 12:15 slots are all that is left of Monday's morning.
        await using var app = await TestEngine.StartAsync(provider, Instant.FromUtc(2026, 11, 30, 10, 50));
        var places = await TicketKit.PlacesLeftTodayAsync(app);
        Assert.InRange(places, 2, 20);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var draws = Enumerable.Range(0, places + MoreDrawsThanPlaces).Select(async i =>
        {
            await go.Task;
            return await TicketKit.DrawAsync(app, language: i % 2 == 0 ? "de" : "en");
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(draws);

        var issued = results.Where(r => r.Succeeded).Select(r => r.Ticket!).ToList();
        Assert.Equal(places, issued.Count);
        Assert.Equal(Enumerable.Range(1, places), issued.Select(t => t.Number).Order());
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(TicketRefusal.NoneLeft, r.Refusal));

        await using var db = app.NewDb();
        Assert.Equal(places, await db.Tickets.CountAsync());
        Assert.Equal(places, (await db.TicketSequences.SingleAsync()).LastNumber);
        var visits = await db.Visits.AsNoTracking().ToListAsync();
        Assert.Equal(places, visits.Count);
        Assert.All(visits, v =>
        {
            Assert.Equal(VisitKind.Ticket, v.Kind);
            Assert.Equal(VisitStatus.Waiting, v.Status);
            Assert.Equal(issued.Single(t => t.Id == v.TicketId).Label, v.Label);
        });
        Assert.Empty(await db.Slots.Where(s => s.Taken > s.Capacity).ToListAsync());
        await Scenario.AssertCapacityConsistentAsync(app);

        // The crowd used up the day: the next walk-in is told so.
        Assert.Equal(TicketRefusal.NoneLeft, (await TicketKit.DrawAsync(app)).Refusal);
    }
}
