using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Agent;

/// <summary>
/// Two app instances ending the same past wishes at once: each wish ends once and its citizen gets
/// one email, never an email for a wish this instance did not end.
/// </summary>
public sealed class WishExpiryRaceTests
{
    [Theory]
    [DatabaseData]
    public async Task TwoInstancesExpiringAtOnce_EndEachWishOnce_WithOneEmail(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice));
        var kit = new AgentKit(app);
        var lastDay = app.Now.InZone(Berlin).Date.PlusDays(1);
        var wishes = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            wishes.Add(await kit.WishAsync(Request(latest: lastDay), $"citizen{i}@example.org"));
        }

        app.Advance(Duration.FromDays(3));
        var expiredFrom = app.Now;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var instances = Enumerable.Range(0, 2).Select(async _ =>
        {
            await go.Task;
            return await kit.WishesAsync(w => w.ExpirePastWishesAsync(app.Now, default));
        }).ToList();
        go.SetResult();
        var ended = await Task.WhenAll(instances);

        Assert.Equal(wishes.Count, ended.Sum());
        await using var db = app.NewDb();
        Assert.All(await db.Wishes.AsNoTracking().ToListAsync(), w => Assert.Equal(WishStatus.Expired, w.Status));
        var emails = await db.OutboxMessages.AsNoTracking().Where(m => m.CreatedAt >= expiredFrom).ToListAsync();
        Assert.Equal(wishes.Count, emails.Count);
        Assert.Equal(wishes.Count, emails.Select(m => m.ToAddress).Distinct().Count());
    }
}
