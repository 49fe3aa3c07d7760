using Npgsql;

namespace Terminagent.Load;

/// <summary>pg_stat_statements (BENCH_PG_STATS=1): emptied just before the load, so its figures are the load's.</summary>
public static class PgStats
{
    public static async Task ResetAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT pg_stat_statements_reset()");
        await command.ExecuteNonQueryAsync();
        Console.WriteLine("pg_stat_statements reset: what it shows from here on is the load's");
    }
}
