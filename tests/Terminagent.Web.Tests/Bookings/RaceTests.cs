using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Bookings;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Bookings;

/// <summary>Many citizens at once after one place: the database lets exactly one of them have it.</summary>
public sealed class RaceTests
{
    private const int Attempts = 50;
    private const string ShortService = "meldebescheinigung";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftyConcurrentHolds_OnOneSlotOfCapacityOne_GiveExactlyOneBooking(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var slot = await SingleCapacitySlotAsync(app);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await go.Task;
            return await app.BookingsAsync(b => b.HoldAsync(
                ShortService, "unterbach", slot.Start, $"Person {i}", $"person{i}@example.org", null, "de", null, default));
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(BookingFailure.Taken, r.Failure);
            Assert.NotNull(r.Alternatives);
            Assert.DoesNotContain(r.Alternatives, t => t.Start == slot.Start);
        });
        await using var db = app.NewDb();
        Assert.Equal(1, (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Taken);
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Held));
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        await Scenario.AssertCapacityConsistentAsync(app);
    }

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
