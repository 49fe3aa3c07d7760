using System.Net;
using System.Net.Http.Json;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;
using Terminagent.Web.Features.Statistics;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Statistics;

public sealed class OfficeDayCountsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Counts_NoShowsByChannel_TicketsAndWaitingTimes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var start = app.Now - Duration.FromHours(2);
        await using (var db = app.NewDb())
        {
            var online = Booking("hauptbahnhof", start, BookingStatus.Confirmed, BookingChannel.Online, app.Now);
            var byPhone = Booking("hauptbahnhof", start, BookingStatus.NoShow, BookingChannel.Infoline, app.Now);
            var elsewhere = Booking("unterbach", start, BookingStatus.NoShow, BookingChannel.Online, app.Now);
            var cancelled = Booking("hauptbahnhof", start, BookingStatus.Cancelled, BookingChannel.Online, app.Now);
            db.Bookings.AddRange(online, byPhone, elsewhere, cancelled);
            db.Visits.Add(Visit(online.Id, VisitKind.Appointment, start - Duration.FromMinutes(10), Duration.FromMinutes(6), VisitStatus.Served));
            db.Visits.Add(Visit(null, VisitKind.Ticket, start, Duration.FromMinutes(20), VisitStatus.Served));
            db.Visits.Add(Visit(null, VisitKind.Ticket, start, Duration.FromMinutes(40), VisitStatus.NoShow));
            await db.SaveChangesAsync();
        }

        using var client = app.CreateClient();
        var all = await client.GetFromJsonAsync<OfficeDayCountsDto>("/api/v1/statistics/office-day");
        var one = await client.GetFromJsonAsync<OfficeDayCountsDto>("/api/v1/statistics/office-day?office=hauptbahnhof");

        Assert.Equal(3, all!.AppointmentsDue);
        Assert.Equal(2, all.AppointmentsNoShow);
        Assert.Equal(2, one!.AppointmentsDue);
        Assert.Equal(1, one.AppointmentsBookedOnline);
        Assert.Equal(1, one.AppointmentsBookedByInfoline);
        Assert.Equal(1, one.AppointmentsCheckedIn);
        Assert.Equal(1, one.AppointmentsNoShow);
        Assert.Equal(0.5, one.NoShowShare);
        Assert.Equal(2, one.TicketsDrawn);
        Assert.Equal(2, one.VisitsServed);
        Assert.Equal(1, one.VisitsNotAppearingWhenCalled);
        Assert.Equal(20, one.MedianMinutesWaited);
        Assert.Equal(40, one.LongestMinutesWaited);
    }

    [Fact]
    public async Task UnknownOffice_IsA400WithProblemDetails()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/statistics/office-day?office=atlantis");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Booking Booking(string office, Instant start, BookingStatus status, BookingChannel channel, Instant now) => new()
    {
        Id = Guid.NewGuid(),
        Code = BookingCode.New(),
        OfficeId = office,
        ServiceId = Scenario.Service,
        Start = start,
        End = start + Duration.FromMinutes(15),
        Status = status,
        Channel = channel,
        Name = "Anna Muster",
        Language = "de",
        CreatedAt = now - Duration.FromDays(3),
    };

    private static Visit Visit(Guid? bookingId, VisitKind kind, Instant arrived, Duration waited, VisitStatus status) => new()
    {
        Id = Guid.NewGuid(),
        OfficeId = "hauptbahnhof",
        Day = new LocalDate(2026, 11, 30),
        Kind = kind,
        BookingId = bookingId,
        Label = kind == VisitKind.Ticket ? Ticket.FormatNumber(Random.Shared.Next(1, 999)) : "K7M4-P2QX",
        ServiceId = Scenario.Service,
        DueAt = arrived,
        ArrivedAt = arrived,
        FirstCalledAt = arrived + waited,
        CalledAt = arrived + waited,
        Status = status,
        Counter = "Schalter 1",
    };
}
