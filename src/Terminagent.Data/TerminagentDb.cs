using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data.Abuse;
using Terminagent.Data.Administration;
using Terminagent.Data.Email;
using Terminagent.Data.Staff;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;
using Terminagent.Domain.Staff;

namespace Terminagent.Data;

/// <summary>The app's one database; staff accounts are ASP.NET Core Identity users in it.</summary>
public sealed class TerminagentDb(DbContextOptions<TerminagentDb> options)
    : IdentityUserContext<StaffUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingSlot> BookingSlots => Set<BookingSlot>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Wish> Wishes => Set<Wish>();
    public DbSet<WishTarget> WishTargets => Set<WishTarget>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferSlot> OfferSlots => Set<OfferSlot>();
    public DbSet<ReleaseRun> ReleaseRuns => Set<ReleaseRun>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketSlot> TicketSlots => Set<TicketSlot>();
    public DbSet<TicketSequence> TicketSequences => Set<TicketSequence>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<CallAnnouncement> CallAnnouncements => Set<CallAnnouncement>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<CityVersion> CityVersions => Set<CityVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UsedChallenge> UsedChallenges => Set<UsedChallenge>();
    public DbSet<RateCounter> RateCounters => Set<RateCounter>();

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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("staff_user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("staff_user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("staff_user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(TerminagentDb).Assembly);
    }

    /// <summary>
    /// Saves, or returns false when another request changed one of the versioned rows (a booking,
    /// wish or offer) first; the caller then reports what that request did instead.
    /// </summary>
    public async Task<bool> TrySaveChangesAsync(CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether a save failed because a row it refers to is gone (a slot the schedule removed
    /// meanwhile), which a race can cause, as opposed to a fault.
    /// </summary>
    public static bool IsMissingReference(DbUpdateException error) => error.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteForeignKeyViolation,
        _ => false,
    };

    private const int SqliteForeignKeyViolation = 787;

    /// <summary>
    /// Whether a save failed because the new booking's random code was issued before (the unique
    /// index on the codes refused it); the booking then draws another.
    /// </summary>
    public static bool IsDuplicateBookingCode(DbUpdateException error) => error.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && postgres.ConstraintName == BookingCodeIndex,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueViolation
            && sqlite.Message.Contains("bookings.Code", StringComparison.Ordinal),
        _ => false,
    };

    private const int SqliteUniqueViolation = 2067;

    private const string BookingCodeIndex = "IX_bookings_Code";

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
        var versioned = ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Modified && e.Entity is Booking or Wish or Offer or Visit);
        foreach (var entry in versioned)
        {
            var version = entry.Property("Version");
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }
}
