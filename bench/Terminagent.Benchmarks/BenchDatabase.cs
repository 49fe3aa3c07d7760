using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Data;

namespace Terminagent.Benchmarks;

/// <summary>
/// A fresh database for one benchmark run: a SQLite file under the temp folder, or a database on the
/// PostgreSQL server named by TERMINAGENT_BENCH_POSTGRES. Migrated with the app's own migrations.
/// Disposing deletes it.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TERMINAGENT_BENCH_POSTGRES";

    private readonly Func<Task> drop;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string description, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
        this.drop = drop;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where the database lives, for the console.</summary>
    public string Description { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var database = provider == DatabaseProvider.Sqlite ? CreateSqlite() : await CreatePostgresAsync();
        if (migrate)
        {
            await using var db = database.NewContext();
            await db.Database.MigrateAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                // As the app does at start (DatabaseSetup.PrepareDatabaseAsync).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        return database;
    }

    public TerminagentDb NewContext()
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(Provider, ConnectionString);
        return new TerminagentDb(options.Options);
    }

    public async ValueTask DisposeAsync() => await drop();

    private static BenchDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "terminagent-bench");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=60", $"SQLite file {file}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<BenchDatabase> CreatePostgresAsync()
    {
        var server = PostgresServer
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        var name = $"ta_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        return new BenchDatabase(DatabaseProvider.Postgres, connectionString, $"PostgreSQL database {name}", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
