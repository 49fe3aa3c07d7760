using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Schedule;

/// <summary>The planning round plans at least hourly, and tells citizens of lost room only when a plan could have cost it.</summary>
public sealed class ScheduleSyncTests
{
    [Theory]
    [DatabaseData]
    public async Task PlanningAgain_FollowsUpOnlyAfterAPlanThatChangedASlot(DatabaseProvider provider)
    {
        await using var engine = await TestEngine.StartAsync(provider, cityFile: TestEngine.City("small.json"));
        var sync = engine.Services.GetRequiredService<ScheduleSync>();
        var followUps = 0;
        Task FollowUp(City city)
        {
            followUps++;
            return Task.CompletedTask;
        }

        // The first plan of this instance follows up, whatever it found.
        Assert.NotNull(await sync.SyncWhenDueAsync(FollowUp, default));
        Assert.Equal(1, followUps);

        // Within the hour nothing is planned; after it the plan runs again but finds nothing to change.
        engine.Advance(Duration.FromMinutes(30));
        Assert.Null(await sync.SyncWhenDueAsync(FollowUp, default));
        engine.Advance(Duration.FromMinutes(31));
        var unchanged = await sync.SyncWhenDueAsync(FollowUp, default);
        Assert.Equal((0, 0, 0), (unchanged!.Updated, unchanged.Removed, unchanged.NeedingReview));
        Assert.Equal(1, followUps);

        // A slot that no longer matches the schedule (here: changed behind the app's back) is put right, and followed up.
        long changed;
        await using (var db = engine.NewDb())
        {
            var slot = await db.Slots.Where(s => s.Start > engine.Now).OrderBy(s => s.Start).FirstAsync();
            changed = slot.Id;
            await db.Slots.Where(s => s.Id == changed).ExecuteUpdateAsync(u => u.SetProperty(s => s.Capacity, slot.Capacity + 1));
        }

        engine.Advance(Duration.FromMinutes(61));
        var repaired = await sync.SyncWhenDueAsync(FollowUp, default);
        Assert.Equal(1, repaired!.Updated);
        Assert.Equal(2, followUps);
        await using (var db = engine.NewDb())
        {
            var city = engine.Services.GetRequiredService<City>();
            var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == changed);
            var plan = Terminagent.Domain.Slots.SlotPlanner.PlanDay(
                city.FindOffice(slot.OfficeId)!, slot.Date, city.SlotLength)
                .Single(p => p.Start == slot.Start);
            Assert.True(slot.Follows(plan));
        }
    }
}
