using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
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
        var bookedAt = app.Now - Duration.FromDays(3);
        var city = app.Services.GetRequiredService<City>();
        await using (var db = app.NewDb())
        {
            var online = History.Booking(city, "hauptbahnhof", start, BookingStatus.Confirmed, BookingChannel.Online, bookedAt);
            var byPhone = History.Booking(city, "hauptbahnhof", start, BookingStatus.NoShow, BookingChannel.Infoline, bookedAt);
            var elsewhere = History.Booking(city, "unterbach", start, BookingStatus.NoShow, BookingChannel.Online, bookedAt);
            var cancelled = History.Booking(city, "hauptbahnhof", start, BookingStatus.Cancelled, BookingChannel.Online, bookedAt);
            db.Bookings.AddRange(online, byPhone, elsewhere, cancelled);
            var arrived = start - Duration.FromMinutes(10);
            var day = start.InZone(city.FindOffice("hauptbahnhof")!.Zone).Date;
            db.Visits.Add(Visit.ForAppointment(online, day, arrived).Called("Schalter 1", arrived + Duration.FromMinutes(6), VisitStatus.Served));
            db.Visits.Add(History.Walkin(city, "hauptbahnhof", start, 1).Called("Schalter 1", start + Duration.FromMinutes(20), VisitStatus.Served));
            db.Visits.Add(History.Walkin(city, "hauptbahnhof", start, 2).Called("Schalter 1", start + Duration.FromMinutes(40), VisitStatus.NoShow));
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
}
