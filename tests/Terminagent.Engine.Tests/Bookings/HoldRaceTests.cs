using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Bookings;

/// <summary>Many citizens at once after one place: the database lets exactly one of them have it.</summary>
public sealed class HoldRaceTests
{
    private const int Attempts = 50;
    private const string ShortService = "meldebescheinigung";

    [Theory]
    [DatabaseData]
    public async Task FiftyConcurrentHolds_OnOneSlotOfCapacityOne_GiveExactlyOneBooking(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var slot = await SingleCapacitySlotAsync(app);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await go.Task;
            return await app.BookingsAsync(b => b.HoldAsync(
                ShortService, "unterbach", slot.Start, $"Person {i}", $"person{i}@example.org", null, "de", null, default));
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(BookingFailure.Taken, r.Failure);
            Assert.NotNull(r.Alternatives);
            Assert.DoesNotContain(r.Alternatives, t => t.Start == slot.Start);
        });
        await using var db = app.NewDb();
        Assert.Equal(1, (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Taken);
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Held));
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>A slot at Unterbach (one counter) that is bookable now with exactly one place.</summary>
    private static async Task<Slot> SingleCapacitySlotAsync(TestEngine app)
    {
        var now = app.Now;
        await using var db = app.NewDb();
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == "unterbach" && s.Start > now && s.ReleasedAt <= now)
            .OrderBy(s => s.Start)
            .ToListAsync();
        return slots.First(s => s.Capacity == 1 && Bookability.BookableCapacity(s, Taker.Citizen, now) == 1 && s.Taken == 0);
    }
}
