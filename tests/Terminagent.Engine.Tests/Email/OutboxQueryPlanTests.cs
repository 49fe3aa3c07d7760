using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Engine.Email;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Email;

/// <summary>
/// The sender claims fifty emails at a time. On the first morning of a city tens of thousands wait,
/// many created at the same instant; SQLite must then read fifty entries of the unsent index in
/// order, not sort every waiting email for each claim (which an index beginning with SentAt led it to).
/// </summary>
public sealed class OutboxQueryPlanTests
{
    [Fact]
    public async Task TheClaim_ReadsTheUnsentIndexInOrder_WithoutSorting()
    {
        await using var engine = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = engine.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();

        var plan = await QueryPlanAsync(db, OutboxSender.DueIds(db, engine.Now).ToQueryString());

        Assert.Contains(plan, step => step.Contains("USING INDEX IX_outbox_messages_Unsent", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>SQLite's plan of the query as EF Core shows it (its ".param set" lines left out: unbound parameters are null).</summary>
    private static async Task<List<string>> QueryPlanAsync(TerminagentDb db, string queryString)
    {
        var sql = string.Join('\n', queryString.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.NotEmpty(plan);
        return plan;
    }
}
