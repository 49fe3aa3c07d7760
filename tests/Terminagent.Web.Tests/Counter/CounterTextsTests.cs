using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.Counter;

/// <summary>
/// What the counter and check-in say when the engine refuses: the refusal and the sentence staff
/// read. (The queue, calls, actions and no-shows themselves: Engine.Tests' OfficeDay folder.)
/// </summary>
public sealed class CounterTextsTests
{
    [Fact]
    public async Task CallNext_WhileThisCounterHasAnOpenCall_IsRefused_UntilItIsFinished()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var visits = await TicketVisitsAsync(app, 2);
        var first = await CallNextAsync(app, 1);

        var again = await CallNextAsync(app, 1);

        Assert.Equal(CounterRefusal.CounterBusy, again.Refusal);
        Assert.Equal(visits[0].Id, again.Visit!.Id);
        Assert.StartsWith("Bitte schließen Sie zuerst den aktuellen Aufruf ab", CounterTexts.Refusal(again, "de"), StringComparison.Ordinal);
        Assert.Equal(VisitStatus.Waiting, (await VisitAsync(app, visits[1].Id)).Status);
        Assert.Single(await CallsAsync(app));

        Assert.True((await ActAsync(app, 1, first.Visit!.Id, CounterAction.Serve)).Succeeded);
        Assert.Equal(visits[1].Id, (await CallNextAsync(app, 1)).Visit!.Id);
    }

    [Fact]
    public async Task CallNext_WithNobodyWaiting_SaysSo_AndAnnouncesNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);

        var result = await CallNextAsync(app, 1);

        Assert.Equal(CounterRefusal.NobodyWaiting, result.Refusal);
        Assert.Equal("Niemand wartet.", CounterTexts.Refusal(result, "de"));
        Assert.Empty(await CallsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ActionsOnACitizenCalledElsewhere_AreRefused_AndSayWhereTheyAre(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var visit = (await TicketVisitsAsync(app, 1))[0];
        Assert.True((await CallNextAsync(app, 1)).Succeeded);

        foreach (var action in new[] { CounterAction.Serve, CounterAction.NoShow, CounterAction.Park, CounterAction.Recall, CounterAction.CallParked })
        {
            var result = await ActAsync(app, 2, visit.Id, action);
            Assert.Equal(CounterRefusal.ChangedMeanwhile, result.Refusal);
            Assert.Equal("001 ist inzwischen an Schalter 1 aufgerufen.", CounterTexts.Refusal(result, "de"));
        }

        var stored = await VisitAsync(app, visit.Id);
        Assert.Equal((VisitStatus.Called, "1", 1), (stored.Status, stored.Counter, stored.CallCount));
        Assert.Single(await CallsAsync(app));
    }

    [Fact]
    public async Task FinishedCitizen_CannotBeServedRecalledOrParkedAgain()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var visit = (await TicketVisitsAsync(app, 1))[0];
        await CallNextAsync(app, 1);
        app.Advance(Duration.FromMinutes(7));
        Assert.True((await ActAsync(app, 1, visit.Id, CounterAction.Serve)).Succeeded);

        var served = await VisitAsync(app, visit.Id);
        Assert.Equal(app.Now, served.FinishedAt);
        foreach (var action in new[] { CounterAction.Serve, CounterAction.NoShow, CounterAction.Park, CounterAction.Recall })
        {
            var result = await ActAsync(app, 1, visit.Id, action);
            Assert.Equal("001 ist bereits als erledigt abgeschlossen.", CounterTexts.Refusal(result, "de"));
        }

        Assert.Equal(CounterRefusal.UnknownVisit, (await ActAsync(app, 1, Guid.NewGuid(), CounterAction.Serve)).Refusal);
        Assert.Equal(CounterRefusal.UnknownVisit, (await ActAsync(app, 1, visit.Id, CounterAction.Serve, office: "bilk")).Refusal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_OfACancelledBooking_IsRefused_AndNothingChanges(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (booking, kit) = await BookTodayAsync(app);
        Assert.True((await kit.CancelAsync(booking.Id)).Succeeded);
        var before = await Scenario.BookingAsync(app, booking.Id);
        var takenBefore = await TakenAsync(app, booking);

        var result = await CheckInAsync(app, booking.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));

        Assert.Equal(CheckInRefusal.Cancelled, result.Refusal);
        Assert.Equal("Dieser Termin wurde abgesagt und kann nicht eingecheckt werden.", CounterTexts.CheckInRefusal(result, app.Services.GetRequiredService<City>(), new OfficeDayOptions(), "de"));
        await using var db = app.NewDb();
        Assert.Empty(await db.Visits.ToListAsync());
        var after = await Scenario.BookingAsync(app, booking.Id);
        Assert.Equal((before.Status, before.CancelledAt), (after.Status, after.CancelledAt));
        Assert.Equal(takenBefore, await TakenAsync(app, booking));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task CheckIn_AfterTheGrace_IsTooLate_EvenBeforeTheRuleRan()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (booking, _) = await BookTodayAsync(app);
        app.Advance(booking.Start - app.Now + Grace);

        var result = await CheckInAsync(app, booking.Code);

        Assert.Equal(CheckInRefusal.TooLate, result.Refusal);
        Assert.StartsWith("Zu spät: Der Termin hat um ", CounterTexts.CheckInRefusal(result, app.Services.GetRequiredService<City>(), new OfficeDayOptions(), "de"), StringComparison.Ordinal);
        await MarkNoShowsAsync(app);
        Assert.Equal(CheckInRefusal.TooLate, (await CheckInAsync(app, booking.Code)).Refusal);
        await using var db = app.NewDb();
        Assert.Empty(await db.Visits.ToListAsync());
    }
}
