using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Engine.Cities;

namespace Terminagent.Engine.Tests.Infrastructure;

/// <summary>The engine stands on its own: no web host, one database per case, the PostgreSQL case never skipped.</summary>
public sealed class TestEngineTests
{
    [Theory]
    [DatabaseData]
    public async Task Engine_StartsOnItsDatabase_WithTheCityImportedAndTheSchedulePlanned(DatabaseProvider provider)
    {
        await using var engine = await TestEngine.StartAsync(provider);

        await using var db = engine.NewDb();
        Assert.Equal(provider == DatabaseProvider.Postgres, db.IsPostgres);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, engine.Services.GetRequiredService<CityCatalog>().Settings.Version);
        var today = engine.Now.InZone(Seed.Berlin).Date;
        Assert.True(await db.Slots.AnyAsync(s => s.Date == today.PlusDays(28)), "the schedule reaches 21 lead days and 7 more");
        Assert.Empty(engine.Mails());
    }

    [Fact]
    public void EngineTests_ReferenceNeitherTheWebHostNorAspNetCore()
    {
        var referenced = typeof(TestEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain("Terminagent.Web", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Null(Type.GetType("Microsoft.AspNetCore.Builder.WebApplication, Microsoft.AspNetCore", throwOnError: false));
    }

    [Fact]
    public void DatabaseData_GivesEveryDatabase_WhetherOrNotItsServerIsSet()
    {
        var method = typeof(TestEngineTests).GetMethod(nameof(EngineTests_ReferenceNeitherTheWebHostNorAspNetCore))!;

        var cases = new DatabaseDataAttribute("more", 2).GetData(method).ToList();

        Assert.Equal(
            new[] { new object[] { DatabaseProvider.Sqlite, "more", 2 }, new object[] { DatabaseProvider.Postgres, "more", 2 } },
            cases);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void WithoutAPostgresServer_ThePostgresCaseFails_AndSaysHowToGetOne(string? configured)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestDatabase.PostgresServer(configured));

        Assert.StartsWith("TERMINAGENT_TEST_POSTGRES is not set.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/test.sh", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAPostgresServer_ItIsUsed() =>
        Assert.Equal("Host=db;Username=postgres", TestDatabase.PostgresServer("Host=db;Username=postgres"));

    [Fact]
    public void TheEngineAssembly_IsNoWebAssembly() =>
        Assert.DoesNotContain(
            typeof(EngineRegistration).Assembly.GetReferencedAssemblies(),
            a => (a.Name ?? "").StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
}
