using Microsoft.Data.Sqlite;
using Npgsql;

namespace Terminagent.Web.Features.Faults;

/// <summary>
/// Tells a database that cannot be reached right now (no connection, connection lost, pool
/// exhausted, server shutting down, SQLite busy or locked) from a real bug: only the first is
/// answered with 503 "try again in a minute"; everything else stays a 500.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 60;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsUnavailable(Exception? error)
    {
        for (var depth = 0; error is not null && depth < 16; depth++, error = error.InnerException)
        {
            switch (error)
            {
                // A server-side error: connection-level classes (08 connection, 53 resources, 57P shutdown) only.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);

                // No answer from the server at all: refused, reset, timed out, pool exhausted.
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked;
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// After a lost connection the pool may still hold connections the server has long closed;
    /// dropping them lets the next request open a fresh one instead of failing once more.
    /// </summary>
    public static void ForgetBrokenConnections(Exception? error)
    {
        for (var depth = 0; error is not null && depth < 16; depth++, error = error.InnerException)
        {
            if (error is NpgsqlException and not PostgresException)
            {
                NpgsqlConnection.ClearAllPools();
                return;
            }
        }
    }
}
