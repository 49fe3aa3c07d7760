using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Data.Administration;

namespace Terminagent.Data.Configurations;

internal sealed class CityVersionConfiguration : IEntityTypeConfiguration<CityVersion>
{
    public void Configure(EntityTypeBuilder<CityVersion> version)
    {
        version.ToTable("city_versions");
        version.HasKey(v => v.Version);
        version.Property(v => v.Version).ValueGeneratedNever();
        version.Property(v => v.SavedBy).HasMaxLength(200);
        version.Property(v => v.FileHash).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.OfficeId).HasMaxLength(64);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.OfficeId, e.At });
    }
}
