using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>Calling the next citizen: queue order, one open call per counter, and no citizen called twice.</summary>
public sealed class CallNextTests
{
    [Fact]
    public async Task CallNext_TakesWhoIsDueFirst_ThenWhoCameFirst_AndAnnouncesIt()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var later = await TicketVisitAsync(app, 1, dueAt: app.Now + Duration.FromMinutes(30));
        app.Advance(Duration.FromMinutes(1));
        var first = await TicketVisitAsync(app, 2);
        app.Advance(Duration.FromMinutes(1));
        var second = await TicketVisitAsync(app, 3, dueAt: first.DueAt);
        app.Advance(Duration.FromMinutes(4));

        var one = await CallNextAsync(app, 1);
        var two = await CallNextAsync(app, 2);
        var three = await CallNextAsync(app, 3);

        Assert.Equal([first.Id, second.Id, later.Id], new[] { one.Visit!.Id, two.Visit!.Id, three.Visit!.Id });
        var called = await VisitAsync(app, first.Id);
        Assert.Equal(VisitStatus.Called, called.Status);
        Assert.Equal("1", called.Counter);
        Assert.Equal(app.Now, called.FirstCalledAt);
        Assert.Equal(Duration.FromMinutes(5), called.WaitingTime);
        var calls = await CallsAsync(app);
        Assert.Equal(["002 → 1", "003 → 2", "001 → 3"], calls.Select(c => $"{c.Label} → {c.Counter}"));
        Assert.All(calls, c => Assert.Equal(Office, c.OfficeId));
    }

    [Fact]
    public async Task CallNext_AtAnUnknownCounterOrOffice_IsRefused()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        await TicketVisitsAsync(app, 1);

        Assert.Equal(CounterRefusal.UnknownCounter, (await CallNextAsync(app, 7)).Refusal);
        Assert.Equal(CounterRefusal.UnknownCounter, (await CallNextAsync(app, 0)).Refusal);
        Assert.Equal(CounterRefusal.UnknownOffice, (await CallNextAsync(app, 1, office: "atlantis")).Refusal);
        Assert.Empty(await CallsAsync(app));
    }

    [Fact]
    public async Task CallNext_LeavesOtherOfficesAndOtherDays_Alone()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        await TicketVisitAsync(app, 1, office: "bilk");
        var yesterday = await TicketVisitAsync(app, 2);
        await using (var db = app.NewDb())
        {
            await db.Visits.Where(v => v.Id == yesterday.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.Day, new LocalDate(2026, 11, 29)));
        }

        Assert.Equal(CounterRefusal.NobodyWaiting, (await CallNextAsync(app, 1)).Refusal);
    }

    /// <summary>
    /// Four citizens wait; all six counters press "next" twice at the same moment. Each citizen is
    /// called once, no counter gets two, every call is announced once, and the rest hear why not.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task ConcurrentCallNext_FromMoreCountersThanCitizens_CallsEachCitizenOnce(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var visits = await TicketVisitsAsync(app, 4);

        var results = await AllAtOnceAsync(12, i => CallNextAsync(app, i % 6 + 1));

        var called = results.Where(r => r.Succeeded).ToList();
        Assert.Equal(4, called.Count);
        Assert.Equal(visits.Select(v => v.Id).Order(), called.Select(r => r.Visit!.Id).Order());
        Assert.Equal(4, called.Select(r => r.Visit!.Counter).Distinct().Count());
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Refusal, new CounterRefusal?[] { CounterRefusal.NobodyWaiting, CounterRefusal.CounterBusy }));

        await using var db = app.NewDb();
        var stored = await db.Visits.AsNoTracking().ToListAsync();
        Assert.All(stored, v => Assert.Equal((VisitStatus.Called, 1), (v.Status, v.CallCount)));
        Assert.Equal(4, stored.Select(v => v.Counter).Distinct().Count());
        var calls = await db.CallAnnouncements.AsNoTracking().ToListAsync();
        Assert.Equal(4, calls.Count);
        Assert.Equal(visits.Select(v => v.Id).Order(), calls.Select(c => c.VisitId).Order());
        Assert.All(calls, c => Assert.Equal(stored.Single(v => v.Id == c.VisitId).Counter, c.Counter));
    }

    /// <summary>Each of six counters presses once; only four citizens wait: two counters hear "Niemand wartet".</summary>
    [Theory]
    [DatabaseData]
    public async Task ConcurrentCallNext_OncePerCounter_TellsTheExtraCountersNobodyWaits(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var visits = await TicketVisitsAsync(app, 4);

        var results = await AllAtOnceAsync(6, i => CallNextAsync(app, i + 1));

        Assert.Equal(4, results.Count(r => r.Succeeded));
        Assert.Equal(visits.Select(v => v.Id).Order(), results.Where(r => r.Succeeded).Select(r => r.Visit!.Id).Order());
        Assert.Equal(2, results.Count(r => r.Refusal == CounterRefusal.NobodyWaiting));
        var calls = await CallsAsync(app);
        Assert.Equal(4, calls.Select(c => c.VisitId).Distinct().Count());
        Assert.Equal(4, calls.Count);
    }
}
