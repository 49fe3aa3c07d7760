using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Web.Tests.Caps;

/// <summary>The booking page at the cap per address (the cap itself: Engine.Tests' CitizenCapTests).</summary>
public sealed class CapPageTests
{
    private const string Person = "family@example.org";
    private static readonly Instant Wednesday9 = AtBerlin(2026, 12, 2, 9);
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    private static async Task<(TestApp App, AgentKit Kit)> StartAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider, cityFile: TestApp.City(OneOffice));
        return (app, new AgentKit(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BookingPage_AtTheCap_Answers429_WithRetryAfter_AndAPlainMessage(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        await kit.BookAsync(Wednesday9, Person);
        await kit.BookAsync(Wednesday9 + Quarter, Person);
        using var client = app.CreateClient();
        var start = Wednesday9 + (Quarter * 2);
        var page = $"/book?service={Service}&at={Office}&start={Uri.EscapeDataString(Features.Shared.Display.InstantParameter(start))}";

        using var response = await Forms.PostAsync(client, page, page, ("name", "Familie Muster"), ("email", Person));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds((Wednesday9 - app.Now).TotalSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Contains("schon so viele Termine", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(2, await db.Bookings.CountAsync());
    }
}
