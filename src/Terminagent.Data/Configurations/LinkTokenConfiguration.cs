using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Domain.Links;

namespace Terminagent.Data.Configurations;

internal sealed class LinkTokenConfiguration : IEntityTypeConfiguration<LinkToken>
{
    public void Configure(EntityTypeBuilder<LinkToken> token)
    {
        token.ToTable("link_tokens");
        token.HasKey(t => t.Hash);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Purpose).HasConversion<int>();
        token.HasIndex(t => new { t.SubjectId, t.Purpose });
    }
}
