using Terminagent.Data;

namespace Terminagent.Engine.Database;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/terminagent.db";

    /// <summary>Apply pending migrations at start-up (off where a release pipeline migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite's <c>PRAGMA synchronous</c> on every connection. <c>Full</c> waits for the disk at each
    /// commit, so a confirmed booking survives a power cut; <c>Normal</c> skips that wait and can lose
    /// the last commits then (never on an app crash), which suits a scratch database like the
    /// simulation's, where the wait is most of the run's time.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// SQLite's <c>PRAGMA mmap_size</c> in megabytes on every connection (0: off, SQLite's default).
    /// Reads then come from the operating system's page cache without a system call per page,
    /// which matters once the file outgrows SQLite's own small cache of each connection.
    /// </summary>
    public int SqliteMemoryMapMegabytes { get; set; }
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
