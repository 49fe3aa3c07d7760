using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;

namespace Terminagent.Simulation;

/// <summary>What to simulate: the city's size, the citizens' behaviour, the policy and the database.</summary>
public sealed record SimulationOptions
{
    /// <summary>Simulated days (300 ≈ the ten months the model city reports on).</summary>
    public int Days { get; init; } = 300;

    public int Offices { get; init; } = 11;

    /// <summary>Appointments a year the city's capacity is planned for; counters are scaled to meet them.</summary>
    public int ContactsPerYear { get; init; } = 700_000;

    /// <summary>
    /// Citizens a day looking for an appointment beyond those the capacity is planned for: when
    /// nothing fitting is free they leave a wish, as do some of the planned citizens whose narrow
    /// choice finds nothing, so a run registers about 1.5 times as many wishes a day.
    /// </summary>
    /// <remarks>
    /// This default and the rates below are calibrated: with them (and <see cref="ReleaseSharePercent"/>)
    /// ten months of the fixed rule land within 10% of the model city's wishes registered, wishes
    /// matched and offers declined or lapsed. README, "Simulation", has the runs.
    /// </remarks>
    public int WishesPerDay { get; init; } = 700;

    /// <summary>Share of offers the citizen declines (half keep their wish, half withdraw it).</summary>
    public double DeclineRate { get; init; } = 0.14;

    /// <summary>Share of offers never answered: they lapse at the deadline.</summary>
    public double IgnoreRate { get; init; } = 0.05;

    /// <summary>Share of confirmed appointments cancelled before they start.</summary>
    public double CancelRate { get; init; } = 0.06;

    /// <summary>Share of the appointments still booked at their start whose citizen does not come.</summary>
    public double NoShowRate { get; init; } = 0.07;

    /// <summary>Median time until a citizen reads an offer and answers (log-normal, wide tail).</summary>
    public Duration MedianAnswerDelay { get; init; } = Duration.FromHours(3);

    public int Seed { get; init; } = 42;

    /// <summary>
    /// The share of each release the generated city's agent may offer (percent); null keeps the demo
    /// city's 50. The default is calibrated: see <see cref="CalibratedReleaseSharePercent"/>.
    /// </summary>
    public int? ReleaseSharePercent { get; init; } = CalibratedReleaseSharePercent;

    /// <summary>
    /// The release share with which the fixed rule lands within 10% of the model city's three
    /// figures (wishes, matches, offers declined or lapsed) together with the rates above; the
    /// model city does not publish its own. README, "Simulation", has the runs.
    /// </summary>
    public const int CalibratedReleaseSharePercent = 20;

    /// <summary>The release share this run sets: none when it plays a city file of its own (<see cref="CityFile"/>).</summary>
    public int? ReleaseShareSet => CityFile is null ? ReleaseSharePercent : null;

    /// <summary>
    /// On the first morning, the citizens who would have booked the days already open (21 days of
    /// contacts) arrive at once, so the run starts in the steady state of a city whose next three
    /// weeks are booked, not with three weeks of free places.
    /// </summary>
    public bool Backlog { get; init; } = true;

    public DeadlineRule Rule { get; init; } = DeadlineRule.Fixed;

    /// <summary>The first simulated day (a Monday in 2027, whose holidays the demo city lists).</summary>
    public LocalDate Start { get; init; } = new(2027, 1, 4);

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; init; } = "Data Source=simulation.db";

    /// <summary>Delete (SQLite) or drop and create (PostgreSQL) the database first, so the run starts empty.</summary>
    public bool ResetDatabase { get; init; } = true;

    /// <summary>Time every SQL statement and print the costliest at the end (to find where a run's time goes).</summary>
    public bool StatementProfile { get; init; }

    /// <summary>A city file to use as it is; null: generate one from <see cref="Offices"/> and <see cref="ContactsPerYear"/>.</summary>
    public string? CityFile { get; init; }

    /// <summary>Other runs play in the same process meanwhile, so its processor time is not this run's.</summary>
    public bool SharesProcess { get; init; }
}

/// <summary>Where a run is: the simulated day, and what has happened so far.</summary>
public sealed record SimulationProgress(DeadlineRule Rule, int Day, int Days, LocalDate Date, long Bookings, long Wishes, long Offers);
