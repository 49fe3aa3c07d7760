using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Data;

namespace Terminagent.Testing;

/// <summary>
/// A fresh, migrated database of a real engine for one test: a SQLite file, or a database on the
/// PostgreSQL server named by TERMINAGENT_TEST_POSTGRES (scripts/test.sh starts one). Both are
/// copied from a template migrated once per run, so each test starts clean and fast.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TERMINAGENT_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? sqliteTemplate;
    private static string? postgresTemplate;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    private readonly Func<Task> drop;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? await CreateSqliteAsync() : await CreatePostgresAsync();

    /// <summary>
    /// An empty database without schema, to restore a backup into: a SQLite file not yet created,
    /// or a new database on the PostgreSQL server. Dropped like the others.
    /// </summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "terminagent-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=60", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
                {
                    File.Delete(path);
                }

                return Task.CompletedTask;
            });
        }

        var server = PostgresServer(Environment.GetEnvironmentVariable(PostgresVariable));
        var database = $"ta_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\" TEMPLATE template0");
        return new TestDatabase(DatabaseProvider.Postgres, WithDatabase(server, database, pooling: true), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        });
    }

    public TerminagentDb NewContext()
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(Provider, ConnectionString);
        return new TerminagentDb(options.Options);
    }

    public async ValueTask DisposeAsync() => await drop();

    private static async Task<TestDatabase> CreateSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "terminagent-tests");
        Directory.CreateDirectory(folder);
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is null)
            {
                var template = Path.Combine(folder, $"template-{Guid.NewGuid():N}.db");
                await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={template};Pooling=False");
                sqliteTemplate = template;
            }
        }
        finally
        {
            TemplateLock.Release();
        }

        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        File.Copy(sqliteTemplate, file);
        var connectionString = $"Data Source={file};Default Timeout=60";
        await using (var db = NewContext(DatabaseProvider.Sqlite, connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        return new TestDatabase(DatabaseProvider.Sqlite, connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = PostgresServer(Environment.GetEnvironmentVariable(PostgresVariable));
        await TemplateLock.WaitAsync();
        try
        {
            if (postgresTemplate is null)
            {
                var name = $"ta_template_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
                await MigrateAsync(DatabaseProvider.Postgres, WithDatabase(server, name, pooling: false));
                postgresTemplate = name;
            }
        }
        finally
        {
            TemplateLock.Release();
        }

        var database = $"ta_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\" TEMPLATE \"{postgresTemplate}\"");
        var connectionString = WithDatabase(server, database, pooling: true);
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        });
    }

    /// <summary>
    /// The PostgreSQL server to test on, from the value of <see cref="PostgresVariable"/>. Without
    /// one the PostgreSQL tests fail, never skip: the suite would otherwise pass on half its databases.
    /// </summary>
    public static string PostgresServer(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with scripts/test.sh, which starts a PostgreSQL server, " +
                "or point the variable at one (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).")
            : configured;

    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = NewContext(provider, connectionString);
        await db.Database.MigrateAsync();
    }

    private static TerminagentDb NewContext(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(provider, connectionString);
        return new TerminagentDb(options.Options);
    }

    private static string WithDatabase(string server, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = pooling, MaxPoolSize = 100 }.ConnectionString;

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
