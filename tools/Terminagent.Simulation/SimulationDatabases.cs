using Npgsql;
using Terminagent.Domain.Agent;

namespace Terminagent.Simulation;

/// <summary>Each policy runs on a fresh database of its own, named after it.</summary>
public static class SimulationDatabases
{
    public static string Suffix(DeadlineRule rule) => ReportFiles.PolicyName(rule);

    public static string SqliteFile(string path, DeadlineRule rule, bool several) =>
        several ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $"{Path.GetFileNameWithoutExtension(path)}-{Suffix(rule)}{Path.GetExtension(path)}") : Path.GetFullPath(path);

    public static string Postgres(string connectionString, DeadlineRule rule)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Database = $"{(string.IsNullOrEmpty(builder.Database) || builder.Database == "postgres" ? "terminagent_sim" : builder.Database)}_{Suffix(rule)}";
        return builder.ConnectionString;
    }
}
