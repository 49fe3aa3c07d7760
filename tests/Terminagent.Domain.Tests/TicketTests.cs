using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Tests;

/// <summary>Drawing a same-day ticket at the kiosk.</summary>
public class TicketTests
{
    private static readonly LocalDate Day = new(2026, 11, 30);
    private static readonly Instant Drawn = Instant.FromUtc(2026, 11, 30, 7, 40);
    private static readonly Instant SlotStart = Instant.FromUtc(2026, 11, 30, 8, 15);
    private static readonly Office Hauptbahnhof = TestOffices.Morning(id: "hauptbahnhof");
    private static readonly Service Service = new("personalausweis", "Personalausweis", "Identity card", Duration.FromMinutes(30), ["hauptbahnhof"]);
    private static readonly FreeTime Run = new("hauptbahnhof", Day, SlotStart, SlotStart + Duration.FromMinutes(30), [21, 22]);

    [Fact]
    public void Draw_NumbersTheTicket_DueWhenItsRunStarts_InTheRunsSlots()
    {
        var ticket = Ticket.Draw(Hauptbahnhof, Service, "en", Run, Day, 12, Drawn);

        Assert.Equal(("hauptbahnhof", Day, 12, "012"), (ticket.OfficeId, ticket.Day, ticket.Number, ticket.Label));
        Assert.Equal(("personalausweis", "en"), (ticket.ServiceId, ticket.Language));
        Assert.Equal((Drawn, SlotStart), (ticket.IssuedAt, ticket.DueAt));
        Assert.Equal([21L, 22L], ticket.Slots.Select(s => s.SlotId));
        Assert.All(ticket.Slots, s => Assert.Equal(ticket.Id, s.TicketId));
    }

    [Fact]
    public void Draw_ForARunOfAnotherOffice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Ticket.Draw(Hauptbahnhof, Service, "de", Run with { OfficeId = "bilk" }, Day, 1, Drawn));
    }

    [Fact]
    public void Draw_ForARunOfAnotherDay_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Ticket.Draw(Hauptbahnhof, Service, "de", Run, Day.PlusDays(1), 1, Drawn));
    }

    [Fact]
    public void Draw_NumberZero_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticket.Draw(Hauptbahnhof, Service, "de", Run, Day, 0, Drawn));
    }
}
