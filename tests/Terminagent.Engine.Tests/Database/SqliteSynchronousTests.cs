using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Database;

/// <summary>
/// SQLite waits for the disk at each commit unless told otherwise, and keeps its temporary storage
/// in memory, on every connection of the pool.
/// </summary>
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("Full", 2)]
    [InlineData("Normal", 1)]
    public async Task EveryConnection_HasTheConfiguredLevel(string? setting, long expected)
    {
        var settings = setting is null ? null : new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = setting };
        await using var engine = await TestEngine.StartAsync(DatabaseProvider.Sqlite, settings: settings);

        // Two contexts at once hold two connections, so the second is not the first one reused.
        await using var first = engine.Services.CreateAsyncScope();
        await using var second = engine.Services.CreateAsyncScope();
        var levels = new List<long>();
        var tempStores = new List<long>();
        foreach (var scope in new[] { first, second })
        {
            var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            levels.Add(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            command.CommandText = "PRAGMA temp_store;";
            tempStores.Add(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.All(levels, level => Assert.Equal(expected, level));

        // 2: memory, not a file created and deleted for each sub-journal.
        Assert.All(tempStores, store => Assert.Equal(2, store));
    }
}
