using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Schedule;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Schedule;

/// <summary>Changing opening hours, counters or closed days never moves or drops a booked appointment.</summary>
public sealed class ScheduleChangeTests
{
    private static readonly Instant TuesdayEight = Instant.FromUtc(2026, 12, 1, 7, 0);
    private static readonly Instant WednesdayNine = Instant.FromUtc(2026, 12, 2, 8, 0);
    private static readonly Instant ThursdayEight = Instant.FromUtc(2026, 12, 3, 7, 0);

    [Theory]
    [DatabaseData]
    public async Task FewerCountersAndAClosedDay_KeepEveryBooking_AndListThemForStaff(DatabaseProvider provider)
    {
        await using var before = await TestEngine.StartAsync(provider, cityFile: TestEngine.City("small.json"));
        var tuesdayA = await HoldAsync(before, TuesdayEight, "a@example.org");
        var tuesdayB = await HoldAsync(before, TuesdayEight, "b@example.org");
        var wednesday = await HoldAsync(before, WednesdayNine, "c@example.org");
        var thursday = await HoldAsync(before, ThursdayEight, "d@example.org");

        // The city edits its file: one counter on Tuesdays, Wednesday 2 December closed.
        await using var after = await TestEngine.StartSecondInstanceAsync(before, cityFile: TestEngine.City("small-changed.json"));

        await using (var db = after.NewDb())
        {
            Assert.Equal(4, await db.Bookings.CountAsync(b => b.Status == BookingStatus.Held));
            foreach (var id in new[] { tuesdayA, tuesdayB, wednesday, thursday })
            {
                var booking = await db.Bookings.Include(b => b.Slots).SingleAsync(b => b.Id == id);
                Assert.Single(booking.Slots);
            }

            var tuesdaySlot = await db.Slots.SingleAsync(s => s.OfficeId == "mitte" && s.Start == TuesdayEight);
            Assert.Equal((1, 2, true), (tuesdaySlot.Capacity, tuesdaySlot.Taken, tuesdaySlot.NeedsReview));
            var wednesdaySlot = await db.Slots.SingleAsync(s => s.OfficeId == "mitte" && s.Start == WednesdayNine);
            Assert.True(wednesdaySlot.IsWithdrawn);
            Assert.Equal(1, wednesdaySlot.Taken);

            // Unbooked slots of the closed day are gone; nothing else on it can be booked.
            Assert.Equal(1, await db.Slots.CountAsync(s => s.Date == new LocalDate(2026, 12, 2)));
        }

        var affected = await after.InScopeAsync(sp => sp.GetRequiredService<AffectedBookings>().ListAsync(after.Now, default));
        Assert.Equal(3, affected.Count);
        Assert.DoesNotContain(affected, a => a.Start == ThursdayEight);

        var full = await after.BookingsAsync(b => b.HoldAsync("meldebescheinigung", "mitte", TuesdayEight, "E", "e@example.org", null, "de", null, default));
        Assert.Equal(Terminagent.Engine.Bookings.BookingFailure.Taken, full.Failure);
        var closed = await after.BookingsAsync(b => b.HoldAsync("meldebescheinigung", "mitte", WednesdayNine + Duration.FromMinutes(15), "E", "e@example.org", null, "de", null, default));
        Assert.Equal(Terminagent.Engine.Bookings.BookingFailure.UnknownTime, closed.Failure);
    }

    [Theory]
    [DatabaseData]
    public async Task WhenReviewedSlotEmpties_ItFollowsTheScheduleAgain(DatabaseProvider provider)
    {
        await using var before = await TestEngine.StartAsync(provider, cityFile: TestEngine.City("small.json"));
        await HoldAsync(before, TuesdayEight, "a@example.org");
        await HoldAsync(before, TuesdayEight, "b@example.org");
        await using var after = await TestEngine.StartSecondInstanceAsync(before, cityFile: TestEngine.City("small-changed.json"));

        // Once the holds lapse, nothing is left that the one counter could not serve.
        after.Advance(Duration.FromMinutes(20));
        await after.InScopeAsync(sp => sp.GetRequiredService<Terminagent.Engine.Bookings.BookingService>().ExpireLapsedHoldsAsync(null, after.Now, default));
        await after.Services.GetRequiredService<ScheduleSync>().SyncAsync(default);

        await using var db = after.NewDb();
        var slot = await db.Slots.SingleAsync(s => s.OfficeId == "mitte" && s.Start == TuesdayEight);
        Assert.Equal((1, 0, false), (slot.Capacity, slot.Taken, slot.NeedsReview));
    }

    private static async Task<Guid> HoldAsync(TestEngine app, Instant start, string email)
    {
        var result = await app.BookingsAsync(b => b.HoldAsync("meldebescheinigung", "mitte", start, "Test Person", email, null, "de", null, default));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        return result.Booking!.Id;
    }
}
