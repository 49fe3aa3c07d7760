using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>Serve, no-show, park, recall and calling a parked citizen: the state machine decides, and a late counter hears why.</summary>
public sealed class CounterActionTests
{
    [Theory]
    [DatabaseData]
    public async Task ServeNoShowAndPark_AtOnce_OnlyTheFirstCounts(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var visit = (await TicketVisitsAsync(app, 1))[0];
        Assert.True((await CallNextAsync(app, 1)).Succeeded);
        CounterAction[] actions = [CounterAction.Serve, CounterAction.NoShow, CounterAction.Park, CounterAction.Serve, CounterAction.NoShow, CounterAction.Park];

        var results = await AllAtOnceAsync(actions.Length, i => ActAsync(app, 1, visit.Id, actions[i]));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(CounterRefusal.ChangedMeanwhile, r.Refusal));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(winner.Visit!.Status, r.Visit!.Status));
        Assert.Equal(winner.Visit!.Status, (await VisitAsync(app, visit.Id)).Status);
    }

    [Fact]
    public async Task Recall_AnnouncesAgain_AndCountsTheCalls()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var visit = (await TicketVisitsAsync(app, 1))[0];
        await CallNextAsync(app, 3);
        var firstCall = app.Now;
        app.Advance(Duration.FromMinutes(2));

        var result = await ActAsync(app, 3, visit.Id, CounterAction.Recall);

        Assert.True(result.Succeeded);
        var stored = await VisitAsync(app, visit.Id);
        Assert.Equal((2, firstCall, app.Now), (stored.CallCount, stored.FirstCalledAt!.Value, stored.CalledAt!.Value));
        var calls = await CallsAsync(app);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(("001", "3", visit.Id), (c.Label, c.Counter, c.VisitId)));
        Assert.True(calls[1].Id > calls[0].Id);
    }

    [Theory]
    [DatabaseData]
    public async Task ParkedCitizen_IsCalledBackByOneCounter_EvenWhenTwoPressAtOnce(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var visit = (await TicketVisitsAsync(app, 1))[0];
        await CallNextAsync(app, 1);
        Assert.True((await ActAsync(app, 1, visit.Id, CounterAction.Park)).Succeeded);
        Assert.Equal(CounterRefusal.NobodyWaiting, (await CallNextAsync(app, 2)).Refusal);

        var results = await AllAtOnceAsync(4, i => ActAsync(app, i + 2, visit.Id, CounterAction.CallParked));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(CounterRefusal.ChangedMeanwhile, r.Refusal));
        var stored = await VisitAsync(app, visit.Id);
        Assert.Equal((VisitStatus.Called, winner.Visit!.Counter, 2), (stored.Status, stored.Counter, stored.CallCount));
        Assert.Equal(2, (await CallsAsync(app)).Count);
    }

    [Fact]
    public async Task CallingAParkedCitizen_WhileThisCounterHasAnOpenCall_IsRefused()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var visits = await TicketVisitsAsync(app, 2);
        await CallNextAsync(app, 1);
        await ActAsync(app, 1, visits[0].Id, CounterAction.Park);
        await CallNextAsync(app, 1);

        var result = await ActAsync(app, 1, visits[0].Id, CounterAction.CallParked);

        Assert.Equal(CounterRefusal.CounterBusy, result.Refusal);
        Assert.Equal(VisitStatus.Parked, (await VisitAsync(app, visits[0].Id)).Status);
    }

    [Theory]
    [DatabaseData]
    public async Task NoShowOfAnAppointment_MarksTheBookingToo_AndKeepsItsPlaces(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var bookingId = await new AgentKit(app).BookAsync(time.Start, "erika@example.org", Scenario.Service, Scenario.Office);
        var booking = await Scenario.BookingAsync(app, bookingId);
        var checkIn = await CheckInAsync(app, booking.Code);
        Assert.Null(checkIn.Refusal);
        var takenBefore = (await Scenario.SlotsOfAsync(app, booking.Slots.Select(s => s.SlotId))).Select(s => s.Taken).ToList();
        await CallNextAsync(app, 2);

        var result = await ActAsync(app, 2, checkIn.Visit!.Id, CounterAction.NoShow);

        Assert.True(result.Succeeded);
        Assert.Equal(VisitStatus.NoShow, (await VisitAsync(app, checkIn.Visit.Id)).Status);
        var after = await Scenario.BookingAsync(app, bookingId);
        Assert.Equal((BookingStatus.NoShow, app.Now), (after.Status, after.NoShowAt!.Value));
        Assert.Equal(takenBefore, (await Scenario.SlotsOfAsync(app, booking.Slots.Select(s => s.SlotId))).Select(s => s.Taken));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task Queue_ShowsWaitingInOrder_TheCalled_TheParked_AndTodaysFigures()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var visits = await TicketVisitsAsync(app, 4);
        app.Advance(Duration.FromMinutes(3));
        await CallNextAsync(app, 1);
        await ActAsync(app, 1, visits[0].Id, CounterAction.Serve);
        app.Advance(Duration.FromMinutes(6));
        await CallNextAsync(app, 1);
        await ActAsync(app, 1, visits[1].Id, CounterAction.NoShow);
        await CallNextAsync(app, 2);
        await ActAsync(app, 2, visits[2].Id, CounterAction.Park);
        await CallNextAsync(app, 2);

        var queue = (await app.InScopeAsync(sp => sp.GetRequiredService<OfficeQueueQuery>().LoadAsync(Office, CancellationToken.None)))!;

        Assert.Empty(queue.Waiting);
        Assert.Equal(visits[3].Id, queue.CalledAt("2")!.Id);
        Assert.Equal(visits[2].Id, Assert.Single(queue.Parked).Id);
        Assert.Equal((0, 1, 1, 4), (queue.Figures.Waiting, queue.Figures.Served, queue.Figures.NoShows, queue.Figures.Called));

        // Arrivals 10 s apart from 0 s; first calls at 220 s, then three at 580 s.
        Assert.Equal(Duration.FromSeconds(220 + 570 + 560 + 550) / 4, queue.Figures.AverageWait);
        Assert.Equal(Duration.FromSeconds(570), queue.Figures.LongestWait);
    }
}
