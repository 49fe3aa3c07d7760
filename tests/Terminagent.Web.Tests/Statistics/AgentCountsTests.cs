using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Agent;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Statistics;

/// <summary>The agent's figures as the statistics API reports them.</summary>
public sealed class AgentCountsTests
{
    [Fact]
    public async Task AgentCounts_ReportOffersAndTheDeclineOrLapseShare()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await Scenario.WishAndConfirmAsync(app, "first@example.org");
        app.Advance(Duration.FromHours(3));
        var booking = await Scenario.BookAndConfirmAsync(app, Scenario.Office, index: 40, email: "other@example.org");
        await app.BookingsAsync(b => b.CancelAsync(booking.Token, default));
        var offerToken = Scenario.TokenIn((await app.DeliverMailAsync()).Single(m => (m.Subject ?? "").StartsWith("Terminangebot", StringComparison.Ordinal)), "http://localhost/offer/");
        await app.InScopeAsync(sp => sp.GetRequiredService<OfferService>().DeclineAsync(offerToken, keepWish: false, default));

        using var client = app.CreateClient();
        var counts = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/agent");

        Assert.Equal(1, counts.GetProperty("wishesRegistered").GetInt32());
        Assert.Equal(0, counts.GetProperty("wishesActive").GetInt32());
        Assert.Equal(1, counts.GetProperty("offersMade").GetInt32());
        Assert.Equal(1, counts.GetProperty("offersDeclined").GetInt32());
        Assert.Equal(1.0, counts.GetProperty("declinedOrLapsedShare").GetDouble());
        Assert.InRange(counts.GetProperty("medianHoursFromWishToFirstOffer").GetDouble(), 2.9, 3.1);
    }
}
