using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Slots;

namespace Terminagent.Web.Tests.Bookings;

/// <summary>
/// The rule of what may be taken, by whom and when, answered by the database (the queries, and the
/// conditional update that takes a place) and in memory: the same for every state of a slot, every
/// taker and every moment around its releases and its start.
/// </summary>
public sealed class BookabilityTests
{
    private static readonly LocalDate Day = new(2026, 3, 10);

    /// <summary>09:00 CET, 21 days ahead.</summary>
    private static readonly Instant AdvanceRelease = Instant.FromUtc(2026, 2, 17, 8, 0);

    /// <summary>07:00 CET on the day.</summary>
    private static readonly Instant SameDayRelease = Instant.FromUtc(2026, 3, 10, 6, 0);

    /// <summary>10:00 CET.</summary>
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 9, 0);

    /// <summary>The finest step both databases keep: PostgreSQL stores microseconds.</summary>
    private static readonly Duration Step = Duration.FromTicks(10);

    private static readonly Duration AgentLead = Duration.FromMinutes(5);

    private static readonly Instant[] Moments =
    [
        AdvanceRelease - Duration.FromDays(3), AdvanceRelease - AgentLead, AdvanceRelease - Step, AdvanceRelease,
        SameDayRelease - AgentLead, SameDayRelease - Step, SameDayRelease,
        Start - Step, Start, Start + Duration.FromHours(1),
    ];

    private static readonly SlotState[] States =
    [
        new("fresh", Capacity: 3, HeldBack: 1, Taken: 0),
        new("public share taken", Capacity: 3, HeldBack: 1, Taken: 2),
        new("full", Capacity: 3, HeldBack: 1, Taken: 3),
        new("nothing held back", Capacity: 2, HeldBack: 0, Taken: 1),
        new("everything held back", Capacity: 2, HeldBack: 2, Taken: 0),
        new("no places", Capacity: 0, HeldBack: 0, Taken: 0),
        new("withdrawn", Capacity: 0, HeldBack: 0, Taken: 0, Withdrawn: true, NeedsReview: true),
        new("withdrawn with a booking", Capacity: 0, HeldBack: 0, Taken: 1, Withdrawn: true, NeedsReview: true),
        new("withdrawn with places left", Capacity: 3, HeldBack: 1, Taken: 1, Withdrawn: true),
        new("overbooked by a schedule change", Capacity: 1, HeldBack: 0, Taken: 2, NeedsReview: true),
    ];

    private static readonly Taker[] Takers = [Taker.Citizen, Taker.Agent, Taker.AgentAtSameDayRelease];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DatabaseAndMemory_AgreeForEverySlotStateTakerAndMoment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var slots = await SeedAsync(db);
        var disagreements = new List<string>();
        var takenInMemory = 0;

        foreach (var taker in Takers)
        {
            foreach (var now in Moments)
            {
                var open = await db.Slots.AsNoTracking().Where(Bookability.OpenTo(taker, now)).Select(s => s.Id).ToListAsync();
                var withFreePlace = await db.Slots.AsNoTracking().Where(Bookability.WithFreePlaceFor(taker, now)).Select(s => s.Id).ToListAsync();
                foreach (var slot in slots)
                {
                    var isOpen = Bookability.IsOpen(slot, taker, now);
                    var hasFreePlace = Bookability.FreePlaces(slot, taker, now) > 0;
                    var took = await TryTakeAndUndoAsync(db, slot, taker, now);
                    takenInMemory += hasFreePlace ? 1 : 0;
                    var state = $"{slot.OfficeId}, {taker} at {now}";
                    Check(disagreements, state, "open", isOpen, open.Contains(slot.Id));
                    Check(disagreements, state, "opening", isOpen, Bookability.OpeningFor(slot, taker, now) == Opening.Open);
                    Check(disagreements, state, "free place", hasFreePlace, withFreePlace.Contains(slot.Id));
                    Check(disagreements, state, "conditional update", hasFreePlace, took);
                }
            }
        }

        Assert.Empty(disagreements);

        // The table covers both answers: some places may be taken, most may not.
        Assert.InRange(takenInMemory, 1, (Takers.Length * Moments.Length * slots.Count) - 1);
    }

    /// <summary>Takes a place in the slot with the update bookings and offers use, and undoes it.</summary>
    private static async Task<bool> TryTakeAndUndoAsync(TerminagentDb db, Slot slot, Taker taker, Instant now)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var took = await SlotCapacity.TryTakeAsync(db, [slot.Id], taker, now, CancellationToken.None);
        await tx.RollbackAsync();
        return took;
    }

    private static void Check(List<string> disagreements, string state, string what, bool inMemory, bool inDatabase)
    {
        if (inMemory != inDatabase)
        {
            disagreements.Add($"{state}: {what} is {inMemory} in memory but {inDatabase} in the database");
        }
    }

    /// <summary>One slot per state, each in an office of its own so that all start at the same moment; read back as the database keeps them.</summary>
    private static async Task<List<Slot>> SeedAsync(TerminagentDb db)
    {
        foreach (var state in States)
        {
            db.Slots.Add(Slot.FromPlan(new PlannedSlot(
                state.Name, Day, Start, Start + Duration.FromMinutes(15), state.Capacity, state.HeldBack, AdvanceRelease, SameDayRelease)));
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // What is taken, withdrawn or to review is where a slot's life led it, set as the engine's updates set it.
        foreach (var state in States)
        {
            await db.Slots.Where(s => s.OfficeId == state.Name).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Taken, state.Taken)
                .SetProperty(s => s.IsWithdrawn, state.Withdrawn)
                .SetProperty(s => s.NeedsReview, state.NeedsReview));
        }

        var slots = await db.Slots.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(States.Select(s => (s.Name, s.Capacity, s.HeldBack, s.Taken, s.Withdrawn)), slots.Select(s => (s.OfficeId, s.Capacity, s.HeldBack, s.Taken, s.IsWithdrawn)));
        Assert.All(slots, s => Assert.Equal((AdvanceRelease, SameDayRelease, Start), (s.ReleasedAt, s.SameDayReleaseAt, s.Start)));
        return slots;
    }

    private sealed record SlotState(string Name, int Capacity, int HeldBack, int Taken, bool Withdrawn = false, bool NeedsReview = false);
}
