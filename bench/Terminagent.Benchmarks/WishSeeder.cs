using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Terminagent.Data;
using Terminagent.Domain.Agent;

namespace Terminagent.Benchmarks;

/// <summary>
/// Writes confirmed wishes and their target rows straight into a migrated database, fast: one
/// transaction of prepared inserts on SQLite, binary COPY on PostgreSQL, with the two tables'
/// secondary indexes dropped while loading and then recreated from their own definitions, so the
/// schema afterwards is exactly what the migrations made. The rows come from
/// <see cref="Wish.Register"/> and the wish's own methods, as the app builds them, under the
/// generator's ids so a seed gives the same rows every time. (Wishes seeded as Offered have no
/// offer row: only the matching index sees them, as not waiting.)
/// </summary>
public static class WishSeeder
{
    public sealed record Result(int Wishes, long Targets, TimeSpan Elapsed);

    private const string WishColumns =
        "\"Id\", \"ServiceId\", \"Earliest\", \"Latest\", \"Name\", \"Email\", \"NormalisedEmail\", \"Phone\", \"Language\", \"Status\", \"RegisteredAt\", \"ConfirmedAt\", \"EndedAt\", \"UpdatesWishId\", \"Version\", \"Channel\"";

    private const string TargetColumns =
        "\"WishId\", \"ServiceId\", \"OfficeId\", \"Weekday\", \"FromMinute\", \"ToMinute\", \"Earliest\", \"Latest\", \"RegisteredAt\", \"IsWaiting\"";

    public static Result Seed(DatabaseProvider provider, string connectionString, IEnumerable<GeneratedWish> wishes, int count, string label = "seeding wishes")
    {
        var watch = Stopwatch.StartNew();
        var progress = new Progress(label, count);
        var targets = provider == DatabaseProvider.Sqlite
            ? SeedSqlite(connectionString, ToWishes(wishes), progress)
            : SeedPostgres(connectionString, ToWishes(wishes), progress);
        Console.WriteLine($"{label}: {count}/{count} wishes, {targets} target rows in {watch.Elapsed.TotalSeconds:F1} s");
        return new Result(count, targets, watch.Elapsed);
    }

    /// <summary>The wishes as the app would hold them after confirmation, each with the id the generator gave it.</summary>
    private static IEnumerable<(Guid Id, Wish Wish)> ToWishes(IEnumerable<GeneratedWish> generated)
    {
        foreach (var g in generated)
        {
            var language = g.Number % 5 == 0 ? "en" : "de";
            var wish = Wish.Register(g.Definition, $"Citizen {g.Number}", $"citizen{g.Number}@example.org", null, language, WishChannel.Online, null, g.RegisteredAt);
            wish.Confirm(g.RegisteredAt + Duration.FromMinutes(3));
            if (g.Status == WishStatus.Offered)
            {
                wish.MarkOffered();
            }

            yield return (g.Id, wish);
        }
    }

    private static long SeedSqlite(string connectionString, IEnumerable<(Guid Id, Wish Wish)> wishes, Progress progress)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA cache_size=-262144; PRAGMA synchronous=OFF;");
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('wishes', 'wish_targets') AND sql IS NOT NULL";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        using var tx = connection.BeginTransaction();
        indexes.ForEach(i => Execute(connection, tx, $"DROP INDEX \"{i.Name}\""));
        using var wishInsert = Prepare(connection, tx, "wishes", WishColumns, 16);
        using var targetInsert = Prepare(connection, tx, "wish_targets", TargetColumns, 10);
        long targets = 0;
        foreach (var (id, wish) in wishes)
        {
            Bind(wishInsert, Text(id), wish.ServiceId, Text(wish.Earliest), Text(wish.Latest), wish.Name, wish.Email, wish.NormalisedEmail,
                null, wish.Language, (int)wish.Status, wish.RegisteredAt.ToUnixTimeTicks(), wish.ConfirmedAt?.ToUnixTimeTicks(), null, null, 0, (int)wish.Channel);
            wishInsert.ExecuteNonQuery();
            foreach (var t in wish.Targets)
            {
                Bind(targetInsert, Text(id), t.ServiceId, t.OfficeId, t.Weekday, t.FromMinute, t.ToMinute,
                    Text(t.Earliest), Text(t.Latest), t.RegisteredAt.ToUnixTimeTicks(), t.IsWaiting ? 1 : 0);
                targetInsert.ExecuteNonQuery();
                targets++;
            }

            progress.Step();
        }

        Console.WriteLine($"{progress.Label}: building the indexes again ({string.Join(", ", indexes.Select(i => i.Name))})");
        indexes.ForEach(i => Execute(connection, tx, i.Sql));
        tx.Commit();
        return targets;
    }

    // EF Core keeps Guids on SQLite as upper-case text and LocalDate (DateOnly) as yyyy-MM-dd text.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string? Text(LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string table, string columns, int count)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO \"{table}\" ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"$p{i}"))})";
        for (var i = 0; i < count; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void Execute(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static long SeedPostgres(string connectionString, IEnumerable<(Guid Id, Wish Wish)> wishes, Progress progress)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var indexes = new List<(string Name, string Sql)>();
        using (var list = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('wishes', 'wish_targets') AND indexname NOT LIKE 'PK\\_%'",
            connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        using var tx = connection.BeginTransaction();
        indexes.ForEach(i => Execute(connection, tx, $"DROP INDEX \"{i.Name}\""));

        // Both tables in one pass: the wishes straight to COPY, their targets kept for a second COPY.
        var pending = new List<(Guid WishId, WishTarget Target)>();
        using (var copy = connection.BeginBinaryImport($"COPY wishes ({WishColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, wish) in wishes)
            {
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Uuid);
                copy.Write(wish.ServiceId, NpgsqlDbType.Varchar);
                WriteDate(copy, wish.Earliest);
                WriteDate(copy, wish.Latest);
                copy.Write(wish.Name, NpgsqlDbType.Varchar);
                copy.Write(wish.Email, NpgsqlDbType.Varchar);
                copy.Write(wish.NormalisedEmail, NpgsqlDbType.Varchar);
                copy.WriteNull();
                copy.Write(wish.Language, NpgsqlDbType.Varchar);
                copy.Write((int)wish.Status, NpgsqlDbType.Integer);
                copy.Write(wish.RegisteredAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                copy.Write(wish.ConfirmedAt!.Value.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                copy.WriteNull();
                copy.WriteNull();
                copy.Write(0, NpgsqlDbType.Integer);
                copy.Write((int)wish.Channel, NpgsqlDbType.Integer);
                pending.AddRange(wish.Targets.Select(t => (id, t)));
                progress.Step();
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport($"COPY wish_targets ({TargetColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (wishId, t) in pending)
            {
                copy.StartRow();
                copy.Write(wishId, NpgsqlDbType.Uuid);
                copy.Write(t.ServiceId, NpgsqlDbType.Varchar);
                copy.Write(t.OfficeId, NpgsqlDbType.Varchar);
                copy.Write(t.Weekday, NpgsqlDbType.Integer);
                copy.Write(t.FromMinute, NpgsqlDbType.Integer);
                copy.Write(t.ToMinute, NpgsqlDbType.Integer);
                WriteDate(copy, t.Earliest);
                WriteDate(copy, t.Latest);
                copy.Write(t.RegisteredAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                copy.Write(t.IsWaiting, NpgsqlDbType.Boolean);
            }

            copy.Complete();
        }

        Console.WriteLine($"{progress.Label}: building the indexes again ({string.Join(", ", indexes.Select(i => i.Name))})");
        indexes.ForEach(i => Execute(connection, tx, i.Sql));
        tx.Commit();

        // Autovacuum would have analysed tables this size long ago in a running system.
        Execute(connection, null, "ANALYZE wishes; ANALYZE wish_targets;");
        return pending.Count;
    }

    private static void WriteDate(NpgsqlBinaryImporter copy, LocalDate? date)
    {
        if (date is { } d)
        {
            copy.Write(d.ToDateOnly(), NpgsqlDbType.Date);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private sealed class Progress(string label, int total)
    {
        private readonly int every = Math.Max(1, total / 10);
        private int done;

        public string Label => label;

        public void Step()
        {
            if (++done % every == 0 && done < total)
            {
                Console.WriteLine($"{label}: {done}/{total}");
            }
        }
    }
}
