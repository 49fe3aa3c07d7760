using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Web.Features.Faults;

namespace Terminagent.Web.Tests.Faults;

/// <summary>Only a database that cannot be reached becomes a 503; real bugs stay 500s.</summary>
public sealed class DatabaseFaultsTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)), true },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), true },
        { "wrapped by EF", new DbUpdateException("save failed", new NpgsqlException("Exception while reading from stream", new IOException())), true },
        { "server shutting down", new PostgresException("terminating connection", "FATAL", "FATAL", "57P01"), true },
        { "too many connections", new PostgresException("sorry, too many clients", "FATAL", "FATAL", "53300"), true },
        { "SQLite busy", new SqliteException("database is locked", 5), true },
        { "SQLite locked", new SqliteException("database table is locked", 6), true },
        { "unique violation", new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", "23505")), false },
        { "syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601"), false },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
        { "bad argument", new ArgumentException("no such office"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsUnavailable_OnlyForConnectionFailures(string what, Exception error, bool unavailable) =>
        Assert.True(DatabaseFaults.IsUnavailable(error) == unavailable, what);
}
