using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.OfficeDay;

public sealed class TicketServiceTests
{
    [Theory]
    [DatabaseData]
    public async Task Draw_TakesTheEarliestFreePlaceToday_AndQueuesTheWalkIn(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);

        var result = await TicketKit.DrawAsync(app, serviceId: "personalausweis", language: "en");

        var ticket = Assert.IsType<Ticket>(result.Ticket);
        Assert.Equal(1, ticket.Number);
        Assert.Equal("001", ticket.Label);
        Assert.Equal("en", ticket.Language);
        Assert.Equal(new LocalDate(2026, 11, 30), ticket.Day);
        // 10:00 now: the first slot that starts after now is 10:15, and the 30-minute service needs two.
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 15), ticket.DueAt);
        await using var db = app.NewDb();
        var slots = await db.TicketSlots.AsNoTracking().Where(s => s.TicketId == ticket.Id).ToListAsync();
        Assert.Equal(2, slots.Count);
        var visit = await db.Visits.AsNoTracking().SingleAsync();
        Assert.Equal(ticket.Id, visit.TicketId);
        Assert.Equal(VisitKind.Ticket, visit.Kind);
        Assert.Equal(VisitStatus.Waiting, visit.Status);
        Assert.Equal("001", visit.Label);
        Assert.Equal(ticket.DueAt, visit.DueAt);
        Assert.Equal(app.Now, visit.ArrivedAt);
        Assert.Equal(ticket.Day, visit.Day);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task TheLastPlace_HeldByAHoldThatRanOut_GoesToTheWalkIn(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var later = (await Scenario.FreeTimesAsync(app, TicketKit.ShortService, TicketKit.Office))
            .First(t => t.Start >= app.Now + Duration.FromHours(1) && t.Date == new LocalDate(2026, 11, 30));
        var held = await app.BookingsAsync(b => b.HoldAsync(
            TicketKit.ShortService, TicketKit.Office, later.Start, "Anna Muster", "anna@example.org", null, "de", null, default));
        Assert.NotNull(held.Booking);
        app.Advance(Duration.FromMinutes(20));
        await using (var db = app.NewDb())
        {
            // Every other place of the day is gone; only the hold that ran out still blocks one.
            await db.Slots.Where(s => s.OfficeId == TicketKit.Office && s.Date == later.Date)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Capacity));
        }

        var result = await TicketKit.DrawAsync(app);

        var ticket = Assert.IsType<Ticket>(result.Ticket);
        Assert.Equal(later.Start, ticket.DueAt);
        Assert.Equal(BookingStatus.Expired, (await Scenario.BookingAsync(app, held.Booking!.Id)).Status);
    }

    [Theory]
    [DatabaseData]
    public async Task Numbers_CountUpDuringTheDay_AndRestartAtOneTheNextDay(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);

        Assert.Equal(1, (await TicketKit.DrawAsync(app)).Ticket!.Number);
        Assert.Equal(2, (await TicketKit.DrawAsync(app)).Ticket!.Number);
        Assert.Equal(1, (await TicketKit.DrawAsync(app, officeId: "altstadt")).Ticket!.Number);
        app.Advance(Duration.FromDays(1));
        var tuesday = (await TicketKit.DrawAsync(app)).Ticket!;

        Assert.Equal(1, tuesday.Number);
        Assert.Equal(new LocalDate(2026, 12, 1), tuesday.Day);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task Draw_BeforeTheSameDayRelease_IsRefused_AndTakesNothing()
    {
        // 06:30 in Demostadt.
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite, Instant.FromUtc(2026, 11, 30, 5, 30));

        var result = await TicketKit.DrawAsync(app);

        Assert.Equal(TicketRefusal.BeforeRelease, result.Refusal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.Slots.SumAsync(s => s.Taken));

        app.Advance(Duration.FromMinutes(30));
        Assert.True((await TicketKit.DrawAsync(app)).Succeeded);
    }

    [Fact]
    public async Task Draw_AtAnOfficeWithoutKiosk_UnknownOrWrongService_IsRefused()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);

        Assert.Equal(TicketRefusal.NoKiosk, (await TicketKit.DrawAsync(app, officeId: "unterbach")).Refusal);
        Assert.Equal(TicketRefusal.UnknownOffice, (await TicketKit.DrawAsync(app, officeId: "atlantis")).Refusal);
        Assert.Equal(TicketRefusal.UnknownService, (await TicketKit.DrawAsync(app, serviceId: "mondlandung")).Refusal);
        Assert.Equal(TicketRefusal.ServiceNotOffered, (await TicketKit.DrawAsync(app, officeId: "garath", serviceId: "kinderreisepass")).Refusal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task Draw_AfterTheLastSlotOfTheDay_SaysNoneAreLeft()
    {
        // 12:30 in Demostadt: the Monday opening hours are over.
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite, Instant.FromUtc(2026, 11, 30, 11, 30));

        Assert.Equal(TicketRefusal.NoneLeft, (await TicketKit.DrawAsync(app)).Refusal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(5, 5)]
    [InlineData(23, 25)]
    [InlineData(25, 25)]
    [InlineData(26, 30)]
    public void ExpectedWait_IsRoundedUpToFiveMinutes(int minutes, int told)
    {
        var now = Instant.FromUtc(2026, 11, 30, 9, 0);

        Assert.Equal(told, ExpectedWait.Minutes(now, now + Duration.FromMinutes(minutes) - Duration.FromSeconds(minutes > 0 ? 30 : 0)));
    }
}
