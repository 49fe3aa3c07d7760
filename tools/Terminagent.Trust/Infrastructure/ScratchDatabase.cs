using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Data;

namespace Terminagent.Trust.Infrastructure;

/// <summary>An empty PostgreSQL database of its own on a server (the app migrates it), dropped on dispose.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string server;

    private ScratchDatabase(string server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlConnectionStringBuilder Server => new(server);

    /// <summary>A context on this database, as the app has it (once the app has migrated it).</summary>
    public TerminagentDb NewDb()
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(DatabaseProvider.Postgres, ConnectionString);
        return new TerminagentDb(options.Options);
    }

    /// <summary>The same database reached through another host and port (a proxy).</summary>
    public string ConnectionStringVia(string host, int port) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = host, Port = port, Timeout = 5 }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(string server, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new ScratchDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
