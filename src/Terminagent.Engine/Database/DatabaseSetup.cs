using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Engine.Cities;

namespace Terminagent.Engine.Database;

public static class DatabaseSetup
{
    public static IServiceCollection AddTerminagentDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString must not be empty.")
            .ValidateOnStart();
        // Pooled: the options are built once, not for every request, round and index refresh.
        services.AddDbContextPool<TerminagentDb>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseTerminagentDatabase(db.Provider, ConnectionStringFor(db, sp.GetRequiredService<IHostEnvironment>()))
                .AddInterceptors(sp.GetServices<IInterceptor>());
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                options.AddInterceptors(new SqliteConnectionSetup(db.SqliteSynchronous, db.SqliteMemoryMapMegabytes));
            }
        });
        return services;
    }

    /// <summary>A relative SQLite file lives under the app's content root, wherever it was started from.</summary>
    public static string ConnectionStringFor(DatabaseOptions options, IHostEnvironment environment)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options.ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates or upgrades the schema; on SQLite also switches to WAL so readers never wait for writers.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionStringFor(options, services.GetRequiredService<IHostEnvironment>()));
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        if (options.MigrateOnStart)
        {
            await db.Database.MigrateAsync(ct);
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await services.GetRequiredService<CityCatalog>().LoadAsync(ct);
    }
}

/// <summary>
/// <c>PRAGMA synchronous</c>, <c>mmap_size</c> and <c>temp_store</c> hold per connection, so they are set
/// on each one as it opens, once: a pooled connection keeps its native handle, and with it the
/// settings, from one open to the next. Temporary storage stays in memory: sub-journals (of the
/// savepoints EF Core sets around a save inside a transaction, and of statements) otherwise spill
/// past 64 KiB into a file created and deleted for each, about fifty a second in the simulation.
/// </summary>
internal sealed class SqliteConnectionSetup(SqliteSynchronous level, int memoryMapMegabytes) : DbConnectionInterceptor
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, string> SetOn = [];

    private readonly string pragmas =
        $"PRAGMA synchronous={level.ToString().ToUpperInvariant()}; PRAGMA mmap_size={memoryMapMegabytes * 1024L * 1024L}; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private void Set(System.Data.Common.DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && SetOn.TryGetValue(handle, out var was) && was == pragmas)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        if (handle is not null)
        {
            SetOn.AddOrUpdate(handle, pragmas);
        }
    }
}
