using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>
/// Ticket numbers are counted by the database, per office and day: draws at once, at several
/// offices or on several engine instances, get distinct numbers without gaps. (The draw itself and
/// the day's capacity bounding the tickets: <see cref="TicketServiceTests"/> and <see cref="TicketRaceTests"/>.)
/// </summary>
public sealed class TicketNumberingTests
{
    private const int DrawsPerOffice = 6;

    [Theory]
    [DatabaseData]
    public async Task ConcurrentDraws_AtTwoOffices_NumberEachOfficeFromOne(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        string[] offices = ["hauptbahnhof", "altstadt"];
        foreach (var office in offices)
        {
            Assert.True(await TicketKit.PlacesLeftTodayAsync(app, office) >= DrawsPerOffice, $"{office} has places for {DrawsPerOffice} tickets");
        }

        var results = await AllAtOnceAsync(offices.Length * DrawsPerOffice, i => TicketKit.DrawAsync(app, officeId: offices[i % offices.Length]));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Refusal?.ToString()));
        foreach (var office in offices)
        {
            var tickets = results.Select(r => r.Ticket!).Where(t => t.OfficeId == office).ToList();
            Assert.Equal(Enumerable.Range(1, DrawsPerOffice), tickets.Select(t => t.Number).Order());
            Assert.Equal(Enumerable.Range(1, DrawsPerOffice).Select(n => n.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), tickets.Select(t => t.Label).Order(StringComparer.Ordinal));
        }

        await using var db = app.NewDb();
        var sequences = await db.TicketSequences.AsNoTracking().ToListAsync();
        Assert.Equal(offices.Order(StringComparer.Ordinal), sequences.Select(s => s.OfficeId).Order(StringComparer.Ordinal));
        Assert.All(sequences, s => Assert.Equal(DrawsPerOffice, s.LastNumber));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>Two engine instances behind one load balancer draw at one kiosk: one count, kept by the database.</summary>
    [Theory]
    [DatabaseData]
    public async Task DrawsOnTwoInstances_ShareOneCount(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        await using var other = await TestEngine.StartSecondInstanceAsync(app);

        Assert.Equal(1, (await TicketKit.DrawAsync(app)).Ticket!.Number);
        Assert.Equal(2, (await TicketKit.DrawAsync(other)).Ticket!.Number);
        var together = await AllAtOnceAsync(2 * DrawsPerOffice, i => TicketKit.DrawAsync(i % 2 == 0 ? app : other));
        Assert.Equal(3 + (2 * DrawsPerOffice), (await TicketKit.DrawAsync(app)).Ticket!.Number);

        Assert.Equal(Enumerable.Range(3, 2 * DrawsPerOffice), together.Select(r => r.Ticket!.Number).Order());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> racer)
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
