using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Terminagent.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataRegistration
{
    public const string SqliteMigrationsAssembly = "Terminagent.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Terminagent.Data.Postgres";

    /// <summary>Points the context at a database; each provider keeps its own generated migrations.</summary>
    public static DbContextOptionsBuilder UseTerminagentDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        var configured = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInstantFunctions(),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)).AddInstantFunctions(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };

        // A refused save (a unique index, a check constraint, a version) is how the database
        // arbitrates races, and the engine answers it; a save nobody expected fails its request or
        // round, which log it. EF Core's own error with stack trace for every refusal buried those.
        return configured.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }
}
