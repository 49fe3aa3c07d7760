using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Engine.Database;

namespace Terminagent.Web.Features.Backups;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt; [--force]</c> for the embedded SQLite
/// database; on PostgreSQL both say to use pg_dump and pg_restore (README, "Backups").
/// </summary>
public static class BackupCommands
{
    public const string ForceFlag = "--force";

    /// <summary>
    /// Copies the database while the app runs and writes to it: <c>VACUUM INTO</c> reads one
    /// snapshot (WAL lets writers go on meanwhile) and retries while the database is busy. The copy
    /// is written next to its name, synced to disk and only then renamed, so a file of that name is
    /// always a whole backup.
    /// </summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Files(args) is not [var file])
        {
            await error.WriteLineAsync("usage: backup <file>");
            return 2;
        }

        if (SqliteFile(services) is not { } database)
        {
            await error.WriteLineAsync(
                "The database is PostgreSQL: back it up with pg_dump, e.g.\n"
                + "  pg_dump --format=custom --file=terminagent.dump \"host=… dbname=terminagent user=…\"\n"
                + "See README.md, \"Backups\".");
            return 1;
        }

        if (!File.Exists(database))
        {
            await error.WriteLineAsync($"There is no database at {database}: nothing to back up.");
            return 1;
        }

        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            await error.WriteLineAsync($"{target} exists already. Choose a new file name: a backup never overwrites another.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        await using (var connection = Open(database, SqliteOpenMode.ReadWrite))
        {
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file;";
            vacuum.Parameters.AddWithValue("$file", partial);
            await vacuum.ExecuteNonQueryAsync();
        }

        // VACUUM INTO does not sync its output: a backup must survive the power going off.
        await using (var written = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            written.Flush(flushToDisk: true);
        }

        File.Move(partial, target);
        await output.WriteLineAsync($"Backup of {database} written to {target} ({new FileInfo(target).Length:N0} bytes).");
        return 0;
    }

    /// <summary>
    /// Puts a backup in place of the configured database. Replacing one that exists takes
    /// <c>--force</c>, and is refused while any process has the database open: a running app
    /// would go on with what it holds in memory, and its next writes would mix both.
    /// </summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Files(args) is not [var file])
        {
            await error.WriteLineAsync($"usage: restore <file> [{ForceFlag}]");
            return 2;
        }

        if (SqliteFile(services) is not { } database)
        {
            await error.WriteLineAsync(
                "The database is PostgreSQL: restore a pg_dump backup with pg_restore into a new, empty database, e.g.\n"
                + "  createdb terminagent_restored && pg_restore --dbname=terminagent_restored --no-owner terminagent.dump\n"
                + "See README.md, \"Backups\".");
            return 1;
        }

        var backup = Path.GetFullPath(file);
        if (await ProblemWithBackupAsync(backup) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return 1;
        }

        if (File.Exists(database) && new FileInfo(database).Length > 0 && !args.Contains(ForceFlag))
        {
            await error.WriteLineAsync(
                $"{database} exists. Stop the app (every process that uses this database), then run\n"
                + $"  restore {file} {ForceFlag}\n"
                + "to replace the database with the backup. Back up the database first if you may want it again.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await using var target = Open(database, SqliteOpenMode.ReadWriteCreate, busyTimeoutSeconds: 2);
        try
        {
            // Leaving WAL needs the only connection to the file: this fails while an app has it open.
            await ExecuteAsync(target, "PRAGMA locking_mode=EXCLUSIVE;");
            await ExecuteAsync(target, "PRAGMA journal_mode=DELETE;");
            await ExecuteAsync(target, "BEGIN EXCLUSIVE; COMMIT;");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            await error.WriteLineAsync($"{database} is in use: stop the app (every process that uses this database) and run restore again.");
            return 1;
        }

        await using (var source = Open(backup, SqliteOpenMode.ReadOnly))
        {
            source.BackupDatabase(target);
        }

        await ExecuteAsync(target, "PRAGMA journal_mode=WAL;");
        await output.WriteLineAsync($"Restored {backup} into {database}. Start the app: it upgrades the schema if the backup is older.");
        return 0;
    }

    private static async Task<string?> ProblemWithBackupAsync(string backup)
    {
        if (!File.Exists(backup))
        {
            return $"There is no file {backup}.";
        }

        try
        {
            await using var connection = Open(backup, SqliteOpenMode.ReadOnly);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check;";
            if (await check.ExecuteScalarAsync() as string != "ok")
            {
                return $"{backup} is damaged (PRAGMA quick_check found problems): it cannot be restored.";
            }

            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
            return Convert.ToInt64(await check.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1
                ? null
                : $"{backup} is not a Terminagent database.";
        }
        catch (SqliteException ex)
        {
            return $"{backup} is not a SQLite database ({ex.Message}).";
        }
    }

    /// <summary>The command's file arguments: what is neither a flag nor a <c>--Key=value</c> setting.</summary>
    private static string[] Files(string[] args) => args.Skip(1).Where(a => !a.StartsWith('-')).ToArray();

    /// <summary>The full path of the configured SQLite file; null on PostgreSQL.</summary>
    private static string? SqliteFile(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connectionString = DatabaseSetup.ConnectionStringFor(options, services.GetRequiredService<IHostEnvironment>());
        return Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode, int busyTimeoutSeconds = 30)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = busyTimeoutSeconds,
        }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
