using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Terminagent.Data;
using Terminagent.Domain.Agent;

namespace Terminagent.Simulation.Tests;

/// <summary>
/// A few simulated days of a small city on a real database: the report accounts for every wish and
/// every slot place, and the agent matched wishes. Runs on SQLite and PostgreSQL.
/// </summary>
public sealed class ShortSimulationTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    public static TheoryData<DatabaseProvider, DeadlineRule> KeepingRules => new()
    {
        { DatabaseProvider.Sqlite, DeadlineRule.ShortensAndKeepsWaiting },
        { DatabaseProvider.Postgres, DeadlineRule.ShortensAndKeepsWaiting },
        { DatabaseProvider.Sqlite, DeadlineRule.FixedAndKeepsWaiting },
        { DatabaseProvider.Postgres, DeadlineRule.FixedAndKeepsWaiting },
    };

    private static SimulationOptions Small(DatabaseProvider provider, string connectionString, DeadlineRule rule) => new()
    {
        Days = 3,
        Offices = 2,
        ContactsPerYear = 8_000,
        WishesPerDay = 40,
        Rule = rule,
        Seed = 7,
        Provider = provider,
        ConnectionString = connectionString,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ShortRun_EveryWishAndPlaceIsAccountedFor_AndTheAgentMatched(DatabaseProvider provider)
    {
        await using var database = await SimulationDatabase.CreateAsync(provider);

        var report = await SimulationRun.RunAsync(Small(provider, database.ConnectionString, DeadlineRule.Fixed), null, CancellationToken.None);

        Assert.All(report.Checks, c => Assert.True(c.Holds, $"{c.What}: expected {c.Expected}, got {c.Actual}"));
        Assert.True(report.AddsUp);
        Assert.True(report.WishesRegistered > 0);
        Assert.True(report.OffersMade > 0);
        Assert.True(report.AgentBookings > 0, "the agent matched no wish");
        Assert.True(report.DirectBookings > 0);
        Assert.Equal(report.PlacesTotal, report.PlacesBooked + report.PlacesHeld + report.PlacesOffered + report.PlacesIdle);
        Assert.Equal(report.WishesRegistered, report.WishesByStatus.Values.Sum());

        // How often the wait shown at registration came true, over the wishes that ended.
        Assert.True(report.WaitCalibration.Counted > 0, "no ended wish counted for the wait estimate");
        Assert.InRange(report.WaitCalibration.Share!.Value, 0, 1);
        Assert.Equal(report.WaitCalibration.Counted, report.WaitCalibrationHistory.Counted + report.WaitCalibrationRoughGuess.Counted);
        Assert.Equal(report.WaitCalibration.Inside, report.WaitCalibrationHistory.Inside + report.WaitCalibrationRoughGuess.Inside);

        var prefix = Path.Combine(Path.GetTempPath(), $"terminagent-report-{Guid.NewGuid():N}");
        var (json, csv) = ReportFiles.Write([report], prefix);
        try
        {
            using var parsed = JsonDocument.Parse(File.ReadAllText(json));
            var run = Assert.Single(parsed.RootElement.EnumerateArray().ToList());
            Assert.Equal("fixed", run.GetProperty("policy").GetString());
            Assert.Equal(report.AgentBookings, run.GetProperty("agentBookings").GetInt64());
            Assert.Equal(report.WishesRegistered, run.GetProperty("wishesByStatus").EnumerateObject().Sum(p => p.Value.GetInt64()));
            var lines = File.ReadAllLines(csv);
            Assert.Equal(2, lines.Length);
            var header = lines[0].Split(',');
            var values = lines[1].Split(',');
            Assert.Equal(header.Length, values.Length);
            Assert.Equal(report.WishesRegistered.ToString(CultureInfo.InvariantCulture), values[Array.IndexOf(header, "wishesRegistered")]);
            Assert.Equal("true", values[Array.IndexOf(header, "addsUp")], ignoreCase: true);
            Assert.Equal(report.WaitCalibration.Counted, run.GetProperty("waitCalibrationCounted").GetInt64());
            Assert.Equal(report.WaitCalibration.Counted.ToString(CultureInfo.InvariantCulture), values[Array.IndexOf(header, "waitCalibrationCounted")]);
            Assert.InRange(double.Parse(values[Array.IndexOf(header, "waitCalibrationShare")], CultureInfo.InvariantCulture), 0, 1);
        }
        finally
        {
            File.Delete(json);
            File.Delete(csv);
        }
    }

    /// <summary>The rules that forgive a short deadline's lapse: their sums add up, FIFO included, on both databases.</summary>
    [Theory]
    [MemberData(nameof(KeepingRules))]
    public async Task KeepingRules_AddUp_AndServeFirstComeFirst(DatabaseProvider provider, DeadlineRule rule)
    {
        await using var database = await SimulationDatabase.CreateAsync(provider);

        var report = await SimulationRun.RunAsync(Small(provider, database.ConnectionString, rule), null, CancellationToken.None);

        Assert.All(report.Checks, c => Assert.True(c.Holds, $"{c.What}: expected {c.Expected}, got {c.Actual}"));
        Assert.Equal(0, report.Counts.FifoViolations);
        Assert.True(report.AgentBookings > 0, "the agent matched no wish");
    }

    [Fact]
    public async Task TheSameSeed_PlaysTheSameTwice()
    {
        await using var first = await SimulationDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var second = await SimulationDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var one = await SimulationRun.RunAsync(Small(DatabaseProvider.Sqlite, first.ConnectionString, DeadlineRule.Fixed), null, CancellationToken.None);
        var two = await SimulationRun.RunAsync(Small(DatabaseProvider.Sqlite, second.ConnectionString, DeadlineRule.Fixed), null, CancellationToken.None);

        Assert.Equal(Fingerprint(one), Fingerprint(two));
    }

    /// <summary>What the report counts, apart from the clocks on the wall.</summary>
    private static string Fingerprint(SimulationReport r) => string.Join(
        " | ",
        $"direct {r.DirectBookings}, agent {r.AgentBookings}, cancelled {r.Cancelled}, no-shows {r.NoShows}, checked in {r.CheckedIn}",
        $"wishes {r.WishesRegistered}: {string.Join(", ", r.WishesByStatus.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}",
        $"offers {r.OffersMade}: {string.Join(", ", r.OffersByStatus.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}",
        $"first offer {r.WishToOfferMedian} / {r.WishToOfferP90}, answer time {r.AnswerTimeMedian}",
        $"places {r.PlacesTotal}: booked {r.PlacesBooked}, held {r.PlacesHeld}, offered {r.PlacesOffered}, idle {r.PlacesIdle}",
        $"emails {r.Counts.EmailsDelivered}, offers received {r.Counts.OffersReceived}, too late {r.Counts.AnswersTooLate}");

    [Fact]
    public async Task ThePolicies_GiveDifferentDeadlines()
    {
        await using var fixedDb = await SimulationDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var shorteningDb = await SimulationDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var fixedRun = await SimulationRun.RunAsync(Small(DatabaseProvider.Sqlite, fixedDb.ConnectionString, DeadlineRule.Fixed), null, CancellationToken.None);
        var shortening = await SimulationRun.RunAsync(
            Small(DatabaseProvider.Sqlite, shorteningDb.ConnectionString, DeadlineRule.ShortensAsSlotNears), null, CancellationToken.None);

        Assert.True(fixedRun.AddsUp && shortening.AddsUp);
        Assert.NotNull(fixedRun.AnswerTimeMean);
        Assert.NotNull(shortening.AnswerTimeMean);
        Assert.True(shortening.AnswerTimeMean < fixedRun.AnswerTimeMean,
            $"shortening gave {shortening.AnswerTimeMean} on average, fixed {fixedRun.AnswerTimeMean}");

        // Short deadlines end wishes whose citizens did try to accept, only too late; a late answer
        // usually finds the offer lapsed already, and it counts as too late all the same.
        Assert.True(shortening.LapsedThoughAccepting > fixedRun.LapsedThoughAccepting,
            $"wishes lapsed though accepting: shortening {shortening.LapsedThoughAccepting}, fixed {fixedRun.LapsedThoughAccepting}");
        Assert.True(shortening.LapsedThoughAccepting <= shortening.WishesByStatus.GetValueOrDefault(WishStatus.Lapsed));
    }
}

/// <summary>A database name for one run: a temporary SQLite file, or a database on TERMINAGENT_TEST_POSTGRES; removed afterwards.</summary>
internal sealed class SimulationDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    private SimulationDatabase(string connectionString, Func<Task> drop)
    {
        ConnectionString = connectionString;
        this.drop = drop;
    }

    public string ConnectionString { get; }

    public static Task<SimulationDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "terminagent-tests", $"sim-{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return Task.FromResult(new SimulationDatabase($"Data Source={file}", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }

                return Task.CompletedTask;
            }));
        }

        var server = Environment.GetEnvironmentVariable("TERMINAGENT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("TERMINAGENT_TEST_POSTGRES is not set (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        }

        var name = $"ta_sim_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return Task.FromResult(new SimulationDatabase(connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }));
    }

    public async ValueTask DisposeAsync() => await drop();
}
