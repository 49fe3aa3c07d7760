using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Slots;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Bookings;

/// <summary>
/// Many clients over HTTP on two app instances after one place: the database lets exactly one of them
/// have it (the same race on the booking service alone: Engine.Tests' HoldRaceTests).
/// </summary>
public sealed class RaceTests
{
    private const int Attempts = 50;
    private const string ShortService = "meldebescheinigung";

    [Fact]
    public async Task TwoAppInstances_OnOnePostgres_FiftyClientsOverHttp_GiveExactlyOneBooking()
    {
        await using var first = await TestApp.StartAsync(DatabaseProvider.Postgres);
        await using var second = TestApp.StartSecondInstance(first);
        var slot = await SingleCapacitySlotAsync(first);
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await go.Task;
            var client = i % 2 == 0 ? clientA : clientB;
            using var response = await client.PostAsJsonAsync("/api/v1/bookings", new
            {
                serviceId = ShortService,
                officeId = "unterbach",
                start = slot.Start.ToDateTimeOffset(),
                name = $"Person {i}",
                email = $"person{i}@example.org",
            });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        go.SetResult();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            using var problem = JsonDocument.Parse(r.Body);
            Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
            Assert.True(problem.RootElement.GetProperty("alternatives").GetArrayLength() > 0);
        });
        await using var db = first.NewDb();
        Assert.Equal(1, (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Taken);
        await Scenario.AssertCapacityConsistentAsync(first);
    }

    /// <summary>A slot at Unterbach (one counter) that is bookable now with exactly one place.</summary>
    private static async Task<Slot> SingleCapacitySlotAsync(TestApp app)
    {
        var now = app.Now;
        await using var db = app.NewDb();
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.OfficeId == "unterbach" && s.Start > now && s.ReleasedAt <= now)
            .OrderBy(s => s.Start)
            .ToListAsync();
        return slots.First(s => s.Capacity == 1 && Bookability.BookableCapacity(s, Taker.Citizen, now) == 1 && s.Taken == 0);
    }
}
