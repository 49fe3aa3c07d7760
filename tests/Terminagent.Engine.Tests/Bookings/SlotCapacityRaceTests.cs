using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;

namespace Terminagent.Engine.Tests.Bookings;

/// <summary>
/// The conditional updates every booking, ticket and offer takes its places with, raced by many
/// transactions at once, each on a connection of its own: the database lets exactly as many win
/// as there are places, a run of slots is taken whole or not at all, and Taken never passes
/// Capacity.
/// </summary>
public sealed class SlotCapacityRaceTests
{
    private const int Racers = 24;
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 9, 0);
    private static readonly Instant Tomorrow8 = Instant.FromUtc(2026, 12, 1, 7, 0);
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    [Theory]
    [DatabaseData(1, 1)]
    [DatabaseData(4, 1)]
    [DatabaseData(4, 3)]
    public async Task ConcurrentTakes_OfTheLastPlaces_WinExactlyAsManyAsAreFree(DatabaseProvider provider, int capacity, int free)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var slot = await AddSlotAsync(database, Tomorrow8, capacity);
        for (var i = 0; i < capacity - free; i++)
        {
            Assert.True(await TakeAsync(database, [slot]));
        }

        var results = await AllAtOnceAsync(Racers, _ => TakeAsync(database, [slot]));

        Assert.Equal(free, results.Count(won => won));
        Assert.Equal(capacity, await TakenAsync(database, slot));
        Assert.False(await TakeAsync(database, [slot]));
    }

    /// <summary>
    /// A 30-minute service takes two slots. Runs 08:00–08:30 and 08:15–08:45 race for the two places of
    /// 08:15: two runs win, whichever they are, and a run that lost took nothing anywhere, also not in
    /// the slot it could have had. On PostgreSQL the rows are locked in one order, so no race deadlocks.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task ConcurrentTakes_OfOverlappingRuns_AreWholeOrNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var eight = await AddSlotAsync(database, Tomorrow8, capacity: 2);
        var quarterPast = await AddSlotAsync(database, Tomorrow8 + Quarter, capacity: 2);
        var halfPast = await AddSlotAsync(database, Tomorrow8 + (Quarter * 2), capacity: 2);

        var results = await AllAtOnceAsync(Racers, i => TakeAsync(database, i % 2 == 0 ? [eight, quarterPast] : [halfPast, quarterPast]));

        var won = Enumerable.Range(0, Racers).Where(i => results[i]).ToList();
        Assert.Equal(2, won.Count);
        Assert.Equal(2, await TakenAsync(database, quarterPast));
        Assert.Equal(won.Count(i => i % 2 == 0), await TakenAsync(database, eight));
        Assert.Equal(won.Count(i => i % 2 == 1), await TakenAsync(database, halfPast));
    }

    /// <summary>Places given back while others race to take them: every place is taken at most once, none is lost.</summary>
    [Theory]
    [DatabaseData]
    public async Task GiveBacks_RacingTakes_NeverPassCapacity_AndLoseNoPlace(DatabaseProvider provider)
    {
        const int capacity = 3;
        await using var database = await TestDatabase.CreateAsync(provider);
        var slot = await AddSlotAsync(database, Tomorrow8, capacity);
        for (var i = 0; i < capacity; i++)
        {
            Assert.True(await TakeAsync(database, [slot]));
        }

        var results = await AllAtOnceAsync(Racers, async i =>
        {
            if (i < capacity)
            {
                await GiveBackAsync(database, slot);
                return (Took: false, Gave: true);
            }

            return (Took: await TakeAsync(database, [slot]), Gave: false);
        });

        var taken = await TakenAsync(database, slot);
        Assert.InRange(taken, 0, capacity);
        Assert.Equal(capacity - results.Count(r => r.Gave) + results.Count(r => r.Took), taken);
        for (var i = taken; i < capacity; i++)
        {
            Assert.True(await TakeAsync(database, [slot]), "a place given back is free again");
        }

        Assert.False(await TakeAsync(database, [slot]));
    }

    /// <summary>A slot not yet released, already begun or withdrawn is never taken, however many try.</summary>
    [Theory]
    [DatabaseData]
    public async Task ConcurrentTakes_OfAnUnbookableSlot_AllLose(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var begun = await AddSlotAsync(database, Now - Quarter, capacity: 4);
        var withdrawn = await AddSlotAsync(database, Tomorrow8, capacity: 4);
        await using (var db = database.NewContext())
        {
            await db.Slots.Where(s => s.Id == withdrawn).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsWithdrawn, true));
        }

        var results = await AllAtOnceAsync(Racers, i => TakeAsync(database, [i % 2 == 0 ? begun : withdrawn]));

        Assert.DoesNotContain(true, results);
        Assert.Equal(0, await TakenAsync(database, begun));
        Assert.Equal(0, await TakenAsync(database, withdrawn));
    }

    private static async Task<long> AddSlotAsync(TestDatabase database, Instant start, int capacity)
    {
        await using var db = database.NewContext();
        var slot = Seed.Slot("hauptbahnhof", start, Quarter, capacity);
        db.Slots.Add(slot);
        await db.SaveChangesAsync();
        return slot.Id;
    }

    /// <summary>One citizen's take: a transaction on a connection of its own, committed when it won.</summary>
    private static async Task<bool> TakeAsync(TestDatabase database, long[] slotIds)
    {
        await using var db = database.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await SlotCapacity.TryTakeAsync(db, slotIds, Now, CancellationToken.None))
        {
            await tx.RollbackAsync();
            return false;
        }

        await tx.CommitAsync();
        return true;
    }

    private static async Task GiveBackAsync(TestDatabase database, long slotId)
    {
        await using var db = database.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal(1, await SlotCapacity.GiveBackAsync(db, [slotId], CancellationToken.None));
        await tx.CommitAsync();
    }

    private static async Task<int> TakenAsync(TestDatabase database, long slotId)
    {
        await using var db = database.NewContext();
        var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == slotId);
        Assert.True(slot.Taken <= slot.Capacity, $"slot {slot.Id}: {slot.Taken} of {slot.Capacity} places taken");
        return slot.Taken;
    }

    /// <summary>Every racer waits at one gate and then runs on the thread pool, each with its own connection.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> racer)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await racer(i);
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(racers);
    }
}
