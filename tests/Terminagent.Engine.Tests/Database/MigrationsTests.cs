using Microsoft.EntityFrameworkCore;
using Terminagent.Data;

namespace Terminagent.Engine.Tests.Database;

/// <summary>Every model change comes with generated migrations for both databases.</summary>
public sealed class MigrationsTests
{
    [Theory]
    [DatabaseData]
    public async Task Model_HasNoChangesWithoutAMigration(DatabaseProvider provider)
    {
        // Asked of the context dotnet ef builds, before a database is made: migrating would throw EF's own error first.
        using (var design = provider == DatabaseProvider.Sqlite
            ? new Data.Sqlite.DesignTimeDbFactory().CreateDbContext([])
            : new Data.Postgres.DesignTimeDbFactory().CreateDbContext([]))
        {
            Assert.False(
                design.Database.HasPendingModelChanges(),
                $"The model has changes without a {provider} migration. Generate one for both databases: "
                + "dotnet tool restore, then dotnet ef migrations add <Name> --project src/Terminagent.Data.Sqlite "
                + "and dotnet ef migrations add <Name> --project src/Terminagent.Data.Postgres "
                + "(bash scripts/add-migration.sh <Name> does all of it).");
        }

        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task Database_RefusesOverbookingASlot(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        db.Slots.Add(Seed.Slot("bilk", NodaTime.Instant.FromUtc(2026, 12, 1, 7, 0), NodaTime.Duration.FromMinutes(15), capacity: 1));
        await db.SaveChangesAsync();

        // Even code that skips the conditional update cannot push a slot past its capacity.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Slots.ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, 2)));
        Assert.Equal(0, await db.Slots.Select(s => s.Taken).SingleAsync());
    }
}
