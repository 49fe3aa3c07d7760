using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>A waiting wish whose times are free right now is shown them, so nobody waits for what is free.</summary>
public sealed class WishFreeNowTests
{
    [Fact]
    public async Task WishPage_ListsFittingTimesThatAreFreeNow()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var request = new WishRequest(
            Scenario.Service, ["unterbach"], [IsoDayOfWeek.Tuesday], [new TimeWindow(new LocalTime(9, 0), new LocalTime(11, 0))], null, null);
        await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().RegisterAsync(request, "Ben Beispiel", "ben@example.org", null, "de", default));
        var confirmToken = Scenario.TokenIn(Assert.Single(await app.DeliverMailAsync()), "http://localhost/wish/confirm/");
        var confirmed = await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().ConfirmAsync(confirmToken, default));

        using var client = app.CreateClient();
        var page = await client.GetStringAsync($"/wish/{confirmed.ManageSecret}");

        Assert.Contains("Schon jetzt frei und passend", page, StringComparison.Ordinal);
        Assert.Contains("/book?service=personalausweis&amp;at=unterbach", page, StringComparison.Ordinal);
        Assert.Contains("Dienstag", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Montag, ", page, StringComparison.Ordinal);
    }
}
