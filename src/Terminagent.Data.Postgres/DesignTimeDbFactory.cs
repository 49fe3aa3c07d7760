using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Terminagent.Data.Postgres;

/// <summary>
/// How `dotnet ef` builds the context for this project's migrations:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Terminagent.Data.Postgres</c>.
/// Generating needs no server; commands that open the database take
/// <c>--connection "Host=…;Username=…;Database=…"</c>.
/// </summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<TerminagentDb>
{
    public TerminagentDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=terminagent_design");
        return new TerminagentDb(options.Options);
    }
}
