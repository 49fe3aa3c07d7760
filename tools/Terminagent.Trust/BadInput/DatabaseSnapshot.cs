using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;

namespace Terminagent.Trust.BadInput;

/// <summary>
/// Every table of the database (as the database lists them, so a table added tomorrow counts) with
/// its row count and a hash of its rows in a stable order: two equal snapshots mean nothing changed.
/// </summary>
public sealed record DatabaseSnapshot(IReadOnlyDictionary<string, (long Rows, string Hash)> Tables)
{
    /// <summary>
    /// Tables that change with any request and carry nothing a citizen or staff member did: the
    /// data-protection key ring (written when the first form token is issued). Rate counters and
    /// used proof-of-work challenges (abuse bookkeeping, no one's data) are listed here too: the ONE place.
    /// </summary>
    public static IReadOnlySet<string> IgnoredTables(TerminagentDb db)
    {
        var ignored = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            db.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName()!,
        };
        foreach (var name in new[] { "rate_counters", "used_challenges" })
        {
            ignored.Add(name);
        }

        return ignored;
    }

    /// <summary>
    /// Rows that record a refused attempt rather than a change: a wrong sign-in is written to the
    /// audit log on purpose (the staff area's security record). Column and values, by table.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string[] Values)> RefusalRecords =
        new Dictionary<string, (string, string[])>(StringComparer.OrdinalIgnoreCase)
        {
            ["audit_entries"] = ("Action", ["staff.signin-failed", "staff.signin-locked"]),
        };

    public static async Task<DatabaseSnapshot> TakeAsync(TerminagentDb db)
    {
        var ignored = IgnoredTables(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var isSqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
            var tables = await ColumnAsync(connection, isSqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
            var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
            foreach (var table in tables.Where(t => !ignored.Contains(t)).Order(StringComparer.Ordinal))
            {
                result[table] = await TableAsync(connection, table);
            }

            return new DatabaseSnapshot(result);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables whose rows differ, with counts before and after.</summary>
    public IReadOnlyList<string> DifferencesTo(DatabaseSnapshot after) =>
        Tables.Keys.Union(after.Tables.Keys)
            .Where(t => !Tables.TryGetValue(t, out var a) || !after.Tables.TryGetValue(t, out var b) || a != b)
            .Select(t => $"{t}: {Describe(Tables, t)} -> {Describe(after.Tables, t)}")
            .ToList();

    private static string Describe(IReadOnlyDictionary<string, (long Rows, string Hash)> tables, string t) =>
        tables.TryGetValue(t, out var v) ? $"{v.Rows} rows {v.Hash[..12]}" : "absent";

    private static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<(long, string)> TableAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        var refusal = RefusalRecords.TryGetValue(table, out var r) ? r : default;
        while (await reader.ReadAsync())
        {
            if (refusal.Column is not null && refusal.Values.Contains(reader[refusal.Column] as string))
            {
                continue;
            }

            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToBase64String(bytes),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                };
                row.Append(reader.GetName(i)).Append('=').Append(value).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)));
        return (rows.Count, Convert.ToHexString(hash));
    }
}
