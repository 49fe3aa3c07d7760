using Terminagent.Data;

namespace Terminagent.Engine.Database;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/terminagent.db";

    /// <summary>Apply pending migrations at start-up (off where a release pipeline migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
