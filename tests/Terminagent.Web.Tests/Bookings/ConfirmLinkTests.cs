using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Bookings;

/// <summary>Links in emails open pages that show, never act (the booking flow itself: Engine.Tests' BookingFlowTests).</summary>
public sealed class ConfirmLinkTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpeningTheConfirmLink_ChangesNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        var link = Scenario.LinkIn(Assert.Single(await app.DeliverMailAsync()), "http://localhost/confirm/");

        using var client = app.CreateClient();
        var page = await client.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(BookingStatus.Held, (await Scenario.BookingAsync(app, held.Booking!.Id)).Status);
    }
}
