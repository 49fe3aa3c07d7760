using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Data.Abuse;

namespace Terminagent.Data.Configurations;

internal sealed class UsedChallengeConfiguration : IEntityTypeConfiguration<UsedChallenge>
{
    public void Configure(EntityTypeBuilder<UsedChallenge> challenge)
    {
        challenge.ToTable("used_challenges");
        challenge.HasKey(c => c.Id);
        challenge.Property(c => c.Id).HasMaxLength(32);
        challenge.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounter>
{
    public void Configure(EntityTypeBuilder<RateCounter> counter)
    {
        counter.ToTable("rate_counters");
        counter.HasKey(c => c.Key);
        counter.Property(c => c.Key).HasMaxLength(200);
        counter.HasIndex(c => c.ExpiresAt);
    }
}
