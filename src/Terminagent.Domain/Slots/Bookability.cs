using System.Linq.Expressions;
using NodaTime;

namespace Terminagent.Domain.Slots;

/// <summary>Who takes a place: that decides which of a slot's places may be taken, and from when.</summary>
public enum Taker
{
    /// <summary>
    /// A citizen, online, through the infoline or at the kiosk: from the advance release the places
    /// not held back, from the same-day release all of them.
    /// </summary>
    Citizen,

    /// <summary>
    /// The agent offering a freed place, or its share of an advance release shortly before the
    /// public: before the public release too, but held-back places only from the same-day release on.
    /// </summary>
    Agent,

    /// <summary>
    /// The agent taking its share of a same-day release shortly before it opens: the held-back
    /// places too, and before the public release.
    /// </summary>
    AgentAtSameDayRelease,
}

/// <summary>Whether a slot is open to a taker at a moment, whatever is booked in it; if not, why.</summary>
public enum Opening
{
    Open,

    /// <summary>The schedule no longer has the slot; only the bookings already in it keep it.</summary>
    Withdrawn,

    /// <summary>The slot has begun: nothing can be taken in it any more.</summary>
    Started,

    /// <summary>The public release of the slot's day is still to come.</summary>
    NotYetReleased,
}

/// <summary>
/// The one rule for what may be taken in a slot, by whom and when. Each part is written once here,
/// as an expression over the slot and the moment: EF Core translates it for the queries and for the
/// conditional update that takes a place (so the database decides every race by it), and the same
/// expressions, compiled once, answer in memory for free times, the kiosk and the agent's runs.
/// </summary>
public static class Bookability
{
    private static readonly Condition NotWithdrawn = new((s, _) => !s.IsWithdrawn, Opening.Withdrawn);
    private static readonly Condition NotStarted = new((s, now) => s.Start > now, Opening.Started);
    private static readonly Condition PubliclyReleased = new((s, now) => s.ReleasedAt <= now, Opening.NotYetReleased);

    /// <summary>The places held back for the same-day release are not among them before it.</summary>
    private static readonly Expression<Func<Slot, Instant, int>> PlacesNotHeldBack =
        (s, now) => now < s.SameDayReleaseAt ? s.Capacity - s.HeldBack : s.Capacity;

    private static readonly Expression<Func<Slot, Instant, int>> EveryPlace = (s, _) => s.Capacity;

    // For each taker: the conditions under which a slot is open to them, and how many of its places they may hold.
    private static readonly Rule ForCitizen = new([NotWithdrawn, NotStarted, PubliclyReleased], PlacesNotHeldBack);
    private static readonly Rule ForAgent = new([NotWithdrawn, NotStarted], PlacesNotHeldBack);
    private static readonly Rule ForAgentAtSameDayRelease = new([NotWithdrawn, NotStarted], EveryPlace);

    /// <summary>The agent as taker: at a same-day release it may take the held-back places too.</summary>
    public static Taker AgentTaker(bool atSameDayRelease) => atSameDayRelease ? Taker.AgentAtSameDayRelease : Taker.Agent;

    /// <summary>
    /// For EF Core: the slots open to <paramref name="taker"/> at <paramref name="now"/>, whatever is
    /// booked in them (not withdrawn, not begun, released to them). Its conditions on the slot's
    /// columns stand side by side, so an index on the start serves it; <paramref name="now"/> goes
    /// to the database as a parameter.
    /// </summary>
    public static Expression<Func<Slot, bool>> OpenTo(Taker taker, Instant now) => Bind(RuleFor(taker).IsOpen, now);

    /// <summary>
    /// For EF Core, and the condition of the update that takes a place: the slots in which
    /// <paramref name="taker"/> may take a place at <paramref name="now"/> (open to them, and fewer
    /// places taken than they may hold). A hold that ran out still counts here until it is expired.
    /// </summary>
    public static Expression<Func<Slot, bool>> WithFreePlaceFor(Taker taker, Instant now) => Bind(RuleFor(taker).HasFreePlace, now);

    /// <summary>Whether the slot is open to <paramref name="taker"/> at <paramref name="now"/>, and if not, why.</summary>
    public static Opening OpeningFor(Slot slot, Taker taker, Instant now)
    {
        foreach (var condition in RuleFor(taker).Conditions)
        {
            if (!condition.Holds(slot, now))
            {
                return condition.Otherwise;
            }
        }

        return Opening.Open;
    }

    /// <summary>In memory, what <see cref="OpenTo"/> asks the database.</summary>
    public static bool IsOpen(Slot slot, Taker taker, Instant now) => RuleFor(taker).IsOpenInMemory(slot, now);

    /// <summary>How many of the slot's places <paramref name="taker"/> may hold at <paramref name="now"/>, taken or not.</summary>
    public static int BookableCapacity(Slot slot, Taker taker, Instant now) => RuleFor(taker).BookableCapacity(slot, now);

    /// <summary>
    /// How many places <paramref name="taker"/> can still take in the slot at <paramref name="now"/>,
    /// counting <paramref name="lapsedHolds"/> (holds in it that ran out unconfirmed) as free: free at
    /// once, even before anything has given their places back. Never negative, even when a schedule
    /// change left the slot with more bookings than places.
    /// </summary>
    public static int FreePlaces(Slot slot, Taker taker, Instant now, int lapsedHolds = 0) =>
        Math.Max(0, BookableCapacity(slot, taker, now) - (slot.Taken - lapsedHolds));

    private static Rule RuleFor(Taker taker) => taker switch
    {
        Taker.Citizen => ForCitizen,
        Taker.Agent => ForAgent,
        Taker.AgentAtSameDayRelease => ForAgentAtSameDayRelease,
        _ => throw new ArgumentOutOfRangeException(nameof(taker), taker, null),
    };

    /// <summary>
    /// The rule with <paramref name="now"/> in place of its parameter, as a captured variable: EF Core
    /// sends it as a query parameter, so every moment shares one translation and one cached plan.
    /// </summary>
    private static Expression<Func<Slot, bool>> Bind(Expression<Func<Slot, Instant, bool>> rule, Instant now)
    {
        Expression<Func<Instant>> captured = () => now;
        var body = new Substitution(rule.Parameters[1], captured.Body).Visit(rule.Body);
        return Expression.Lambda<Func<Slot, bool>>(body, rule.Parameters[0]);
    }

    private sealed class Condition(Expression<Func<Slot, Instant, bool>> test, Opening otherwise)
    {
        public Expression<Func<Slot, Instant, bool>> Test { get; } = test;

        public Func<Slot, Instant, bool> Holds { get; } = test.Compile();

        /// <summary>What the slot is when the condition does not hold.</summary>
        public Opening Otherwise { get; } = otherwise;
    }

    /// <summary>One taker's rule, put together once from its parts: as expressions for EF Core, and compiled.</summary>
    private sealed class Rule
    {
        public Rule(Condition[] conditions, Expression<Func<Slot, Instant, int>> places)
        {
            Conditions = conditions;
            var s = Expression.Parameter(typeof(Slot), "s");
            var now = Expression.Parameter(typeof(Instant), "now");
            var open = conditions.Select(c => Inline(c.Test, s, now)).Aggregate(Expression.AndAlso);
            var placesToHold = Inline(places, s, now);
            IsOpen = Expression.Lambda<Func<Slot, Instant, bool>>(open, s, now);
            HasFreePlace = Expression.Lambda<Func<Slot, Instant, bool>>(
                Expression.AndAlso(open, Expression.LessThan(Expression.Property(s, nameof(Slot.Taken)), placesToHold)), s, now);
            IsOpenInMemory = IsOpen.Compile();
            BookableCapacity = Expression.Lambda<Func<Slot, Instant, int>>(Expression.Condition(open, placesToHold, Expression.Constant(0)), s, now)
                .Compile();
        }

        public Condition[] Conditions { get; }

        public Expression<Func<Slot, Instant, bool>> IsOpen { get; }

        public Expression<Func<Slot, Instant, bool>> HasFreePlace { get; }

        public Func<Slot, Instant, bool> IsOpenInMemory { get; }

        public Func<Slot, Instant, int> BookableCapacity { get; }

        private static Expression Inline<T>(Expression<Func<Slot, Instant, T>> part, ParameterExpression s, ParameterExpression now) =>
            new Substitution(part.Parameters[1], now).Visit(new Substitution(part.Parameters[0], s).Visit(part.Body));
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
