using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Terminagent.Data.Sqlite;

/// <summary>
/// How `dotnet ef` builds the context for this project's migrations:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Terminagent.Data.Sqlite</c>.
/// Commands that open the database take <c>--connection "Data Source=…"</c>.
/// </summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<TerminagentDb>
{
    public TerminagentDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:");
        return new TerminagentDb(options.Options);
    }
}
