using Microsoft.EntityFrameworkCore;

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
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInstantFunctions(),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)).AddInstantFunctions(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
}
