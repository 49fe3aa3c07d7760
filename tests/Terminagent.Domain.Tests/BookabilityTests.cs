using System.Linq.Expressions;
using NodaTime;
using Terminagent.Domain.Slots;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

/// <summary>
/// What may be taken in a slot, by whom and when. The slot is the last of a winter morning at the
/// default 20%: 12:15–12:30 CET on Wednesday 2026-01-14, three places, one held back.
/// </summary>
public class BookabilityTests
{
    private static readonly LocalDate WinterWednesday = new(2026, 1, 14);
    private static readonly Duration Tick = Duration.Epsilon;

    /// <summary>09:00 CET, 21 days ahead.</summary>
    private static readonly Instant AdvanceRelease = Instant.FromUtc(2025, 12, 24, 8, 0);

    /// <summary>07:00 CET on the day.</summary>
    private static readonly Instant SameDayRelease = Instant.FromUtc(2026, 1, 14, 6, 0);

    private static readonly Instant SlotStart = Instant.FromUtc(2026, 1, 14, 11, 15);

    /// <summary>When the agent takes its share of a release, a few minutes before it opens.</summary>
    private static readonly Duration AgentLead = Duration.FromMinutes(5);

    private static readonly Taker[] Takers = [Taker.Citizen, Taker.Agent, Taker.AgentAtSameDayRelease];

    [Fact]
    public void Citizen_OneTickBeforeAdvanceRelease_CannotTakeAnything()
    {
        var slot = HeldBackSlot();

        Assert.Equal(Opening.NotYetReleased, Bookability.OpeningFor(slot, Taker.Citizen, AdvanceRelease - Tick));
        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, AdvanceRelease - Tick));
    }

    [Fact]
    public void Citizen_AtAdvanceRelease_MayTakeThePlacesNotHeldBack()
    {
        var slot = HeldBackSlot();

        Assert.Equal(Opening.Open, Bookability.OpeningFor(slot, Taker.Citizen, AdvanceRelease));
        Assert.Equal(2, Bookability.FreePlaces(slot, Taker.Citizen, AdvanceRelease));
    }

    [Fact]
    public void Agent_BeforeAdvanceRelease_MayTakeThePlacesNotHeldBack()
    {
        var slot = HeldBackSlot();
        var agentsTurn = AdvanceRelease - AgentLead;

        Assert.Equal(Opening.Open, Bookability.OpeningFor(slot, Taker.Agent, agentsTurn));
        Assert.Equal(2, Bookability.FreePlaces(slot, Taker.Agent, agentsTurn));
        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, agentsTurn));
    }

    [Fact]
    public void Agent_DaysBeforeAdvanceRelease_MayTakeAFreedPlace()
    {
        var slot = HeldBackSlot();
        slot.Taken = 1;

        Assert.Equal(1, Bookability.FreePlaces(slot, Taker.Agent, AdvanceRelease - Duration.FromDays(3)));
    }

    [Fact]
    public void HeldBackPlace_OneTickBeforeSameDayRelease_IsClosedToCitizenAndAgent()
    {
        var slot = HeldBackSlot();
        slot.Taken = 2;

        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, SameDayRelease - Tick));
        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Agent, SameDayRelease - Tick));
    }

    [Fact]
    public void HeldBackPlace_BeforeSameDayRelease_IsOpenToTheAgentAtThatRelease()
    {
        var slot = HeldBackSlot();
        slot.Taken = 2;
        var agentsTurn = SameDayRelease - AgentLead;

        Assert.Equal(1, Bookability.FreePlaces(slot, Taker.AgentAtSameDayRelease, agentsTurn));
        Assert.Equal(3, Bookability.BookableCapacity(slot, Taker.AgentAtSameDayRelease, agentsTurn));
    }

    [Fact]
    public void HeldBackPlace_AtSameDayRelease_IsOpenToEveryTaker()
    {
        var slot = HeldBackSlot();
        slot.Taken = 2;

        Assert.All(Takers, taker => Assert.Equal(1, Bookability.FreePlaces(slot, taker, SameDayRelease)));
    }

    [Fact]
    public void WithdrawnSlot_IsClosedToEveryTaker_AtEveryMoment()
    {
        var slot = HeldBackSlot(withdrawn: true);
        Instant[] moments = [AdvanceRelease - AgentLead, AdvanceRelease, SameDayRelease - AgentLead, SameDayRelease, SlotStart - Tick];

        Assert.All(Takers, taker => Assert.All(moments, now =>
        {
            Assert.Equal(Opening.Withdrawn, Bookability.OpeningFor(slot, taker, now));
            Assert.False(Bookability.IsOpen(slot, taker, now));
            Assert.Equal(0, Bookability.BookableCapacity(slot, taker, now));
            Assert.Equal(0, Bookability.FreePlaces(slot, taker, now));
        }));
    }

    [Fact]
    public void WithdrawnSlot_NotYetReleased_IsWithdrawnFirst()
    {
        var slot = HeldBackSlot(withdrawn: true);

        Assert.Equal(Opening.Withdrawn, Bookability.OpeningFor(slot, Taker.Citizen, AdvanceRelease - Tick));
    }

    [Fact]
    public void StartedSlot_IsClosedToEveryTaker()
    {
        var slot = HeldBackSlot();
        Instant[] moments = [SlotStart, SlotStart + Tick, SlotStart + Duration.FromDays(1)];

        Assert.All(Takers, taker =>
        {
            Assert.Equal(3, Bookability.FreePlaces(slot, taker, SlotStart - Tick));
            Assert.All(moments, now =>
            {
                Assert.Equal(Opening.Started, Bookability.OpeningFor(slot, taker, now));
                Assert.Equal(0, Bookability.FreePlaces(slot, taker, now));
            });
        });
    }

    [Fact]
    public void FullSlot_StaysOpen_ButHasNoFreePlace()
    {
        var slot = HeldBackSlot();
        slot.Taken = 3;

        Assert.All(Takers, taker =>
        {
            Assert.True(Bookability.IsOpen(slot, taker, SameDayRelease));
            Assert.Equal(3, Bookability.BookableCapacity(slot, taker, SameDayRelease));
            Assert.Equal(0, Bookability.FreePlaces(slot, taker, SameDayRelease));
        });
    }

    [Fact]
    public void LapsedHold_InAFullSlot_CountsAsFree()
    {
        var slot = HeldBackSlot();
        slot.Taken = 3;

        Assert.Equal(1, Bookability.FreePlaces(slot, Taker.Citizen, SameDayRelease, lapsedHolds: 1));
        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, SameDayRelease - Tick, lapsedHolds: 1));
    }

    [Fact]
    public void LapsedHold_InAClosedSlot_FreesNothing()
    {
        var slot = HeldBackSlot();
        slot.Taken = 1;

        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, SlotStart, lapsedHolds: 1));
    }

    [Fact]
    public void UnknownTaker_IsRefused()
    {
        var slot = HeldBackSlot();

        Assert.Throws<ArgumentOutOfRangeException>(() => Bookability.FreePlaces(slot, (Taker)42, SameDayRelease));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bookability.OpenTo((Taker)42, SameDayRelease));
    }

    [Fact]
    public void AgentTaker_AtSameDayRelease_TakesHeldBackPlaces()
    {
        Assert.Equal(Taker.AgentAtSameDayRelease, Bookability.AgentTaker(atSameDayRelease: true));
        Assert.Equal(Taker.Agent, Bookability.AgentTaker(atSameDayRelease: false));
    }

    [Fact]
    public void Expressions_ForTheDatabase_AgreeWithTheRuleInMemory()
    {
        Instant[] moments =
        [
            AdvanceRelease - Duration.FromDays(3), AdvanceRelease - AgentLead, AdvanceRelease - Tick, AdvanceRelease,
            SameDayRelease - AgentLead, SameDayRelease - Tick, SameDayRelease, SlotStart - Tick, SlotStart, SlotStart + Duration.FromHours(1),
        ];

        foreach (var slot in States())
        {
            foreach (var taker in Takers)
            {
                foreach (var now in moments)
                {
                    var open = Bookability.OpenTo(taker, now).Compile();
                    var withFreePlace = Bookability.WithFreePlaceFor(taker, now).Compile();
                    var state = $"{taker} at {now}, slot taken {slot.Taken}, withdrawn {slot.IsWithdrawn}";
                    Assert.True(Bookability.IsOpen(slot, taker, now) == open(slot), state);
                    Assert.True((Bookability.OpeningFor(slot, taker, now) == Opening.Open) == open(slot), state);
                    Assert.True((Bookability.FreePlaces(slot, taker, now) > 0) == withFreePlace(slot), state);
                }
            }
        }
    }

    [Fact]
    public void Expressions_ForTheDatabase_CarryTheMomentAsACapturedVariable_NeverAsAConstant()
    {
        foreach (var taker in Takers)
        {
            foreach (var expression in new[] { Bookability.OpenTo(taker, SameDayRelease), Bookability.WithFreePlaceFor(taker, SameDayRelease) })
            {
                var moments = new MomentFinder();
                moments.Visit(expression);

                Assert.Empty(moments.Constants);
                Assert.NotEmpty(moments.Captured);
                Assert.All(moments.Captured, m => Assert.Equal(SameDayRelease, Expression.Lambda<Func<Instant>>(m).Compile()()));
            }
        }
    }

    // Moved here from ReleaseTests: a citizen's share of the places, moment by moment.
    [Fact]
    public void BookableCapacity_OneTickBeforeRelease_IsZero()
    {
        var slot = HeldBackSlot();

        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.ReleasedAt - Tick));
    }

    [Fact]
    public void BookableCapacity_AtRelease_IsCapacityLessHeldBack()
    {
        var slot = HeldBackSlot();

        Assert.Equal(slot.Capacity - slot.HeldBack, Bookability.BookableCapacity(slot, Taker.Citizen, slot.ReleasedAt));
    }

    [Fact]
    public void BookableCapacity_OneTickBeforeSameDayRelease_IsStillCapacityLessHeldBack()
    {
        var slot = HeldBackSlot();

        Assert.Equal(slot.Capacity - slot.HeldBack, Bookability.BookableCapacity(slot, Taker.Citizen, slot.SameDayReleaseAt - Tick));
    }

    [Fact]
    public void BookableCapacity_From0700OnTheDay_IsFullCapacity()
    {
        var slot = HeldBackSlot();

        Assert.Equal(slot.Capacity, Bookability.BookableCapacity(slot, Taker.Citizen, slot.SameDayReleaseAt));
        Assert.Equal(slot.Capacity, Bookability.BookableCapacity(slot, Taker.Citizen, slot.Start - Tick));
    }

    [Fact]
    public void BookableCapacity_FromTheSlotsStartOn_IsZero()
    {
        var slot = HeldBackSlot();

        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.Start));
        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.End));
        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.End + Duration.FromDays(1)));
    }

    [Fact]
    public void BookableCapacity_WithoutHeldBackPlaces_IsFullFromAdvanceRelease()
    {
        var slot = SlotPlanner.PlanDay(Morning(WithSameDayShare(0)), WinterWednesday, Quarter)[0].ToSlot();

        Assert.Equal(3, Bookability.BookableCapacity(slot, Taker.Citizen, slot.ReleasedAt));
    }

    [Fact]
    public void BookableCapacity_WithEverythingHeldBack_IsZeroUntilSameDayRelease()
    {
        var slot = SlotPlanner.PlanDay(Morning(WithSameDayShare(100)), WinterWednesday, Quarter)[0].ToSlot();

        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.ReleasedAt));
        Assert.Equal(0, Bookability.BookableCapacity(slot, Taker.Citizen, slot.SameDayReleaseAt - Tick));
        Assert.Equal(3, Bookability.BookableCapacity(slot, Taker.Citizen, slot.SameDayReleaseAt));
    }

    [Fact]
    public void FreePlaces_AreBookableCapacityLessTaken()
    {
        var slot = HeldBackSlot();
        slot.Taken = 1;

        Assert.Equal(slot.Capacity - slot.HeldBack - 1, Bookability.FreePlaces(slot, Taker.Citizen, slot.ReleasedAt));
        Assert.Equal(slot.Capacity - 1, Bookability.FreePlaces(slot, Taker.Citizen, slot.SameDayReleaseAt));
    }

    [Fact]
    public void FreePlaces_WhenPublicShareIsTaken_AreOnlyTheHeldBackOnesAfterSameDayRelease()
    {
        var slot = HeldBackSlot();
        slot.Taken = slot.Capacity - slot.HeldBack;

        Assert.Equal(0, Bookability.FreePlaces(slot, Taker.Citizen, slot.SameDayReleaseAt - Tick));
        Assert.Equal(slot.HeldBack, Bookability.FreePlaces(slot, Taker.Citizen, slot.SameDayReleaseAt));
    }

    [Fact]
    public void FreePlaces_WhenOverbooked_AreZeroNotNegative()
    {
        var slot = HeldBackSlot();
        slot.Taken = slot.Capacity + 2;

        Assert.All(Takers, taker => Assert.Equal(0, Bookability.FreePlaces(slot, taker, slot.SameDayReleaseAt)));
    }

    private static Slot HeldBackSlot(int taken = 0, bool withdrawn = false)
    {
        var slot = SlotPlanner.PlanDay(Morning(), WinterWednesday, Quarter)[^1].ToSlot(taken: taken, withdrawn: withdrawn);
        Assert.Equal((3, 1), (slot.Capacity, slot.HeldBack));
        Assert.Equal((AdvanceRelease, SameDayRelease, SlotStart), (slot.ReleasedAt, slot.SameDayReleaseAt, slot.Start));
        return slot;
    }

    private static IEnumerable<Slot> States()
    {
        foreach (var taken in new[] { 0, 1, 2, 3, 5 })
        {
            yield return HeldBackSlot(taken);
            yield return HeldBackSlot(taken, withdrawn: true);
        }
    }

    private sealed class MomentFinder : ExpressionVisitor
    {
        public List<Expression> Constants { get; } = [];

        public List<Expression> Captured { get; } = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Type == typeof(Instant))
            {
                Constants.Add(node);
            }

            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Type == typeof(Instant) && node.Expression is ConstantExpression)
            {
                Captured.Add(node);
            }

            return base.VisitMember(node);
        }
    }
}
