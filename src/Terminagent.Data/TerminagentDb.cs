using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data.Outbox;
using Terminagent.Domain.Booking;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;

namespace Terminagent.Data;

public sealed class TerminagentDb(DbContextOptions<TerminagentDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingSlot> BookingSlots => Set<BookingSlot>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The key ring for anti-forgery tokens and cookies, shared by every app instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // PostgreSQL keeps instants as timestamptz; SQLite has no such type, so there they are
        // 100 ns ticks since 1970, which compare and sort correctly as integers.
        if (IsPostgres)
        {
            configurationBuilder.Properties<Instant>().HaveConversion<InstantAsUtcDateTime>();
        }
        else
        {
            configurationBuilder.Properties<Instant>().HaveConversion<InstantAsTicks>();
        }

        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateAsDateOnly>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TerminagentDb).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Booking>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property<int>("Version");
            version.CurrentValue = version.OriginalValue + 1;
        }
    }
}
