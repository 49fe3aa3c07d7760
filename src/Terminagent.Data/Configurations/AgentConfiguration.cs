using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;

namespace Terminagent.Data.Configurations;

internal sealed class WishConfiguration : IEntityTypeConfiguration<Wish>
{
    public void Configure(EntityTypeBuilder<Wish> wish)
    {
        wish.ToTable("wishes");
        wish.HasKey(w => w.Id);
        wish.Property(w => w.ServiceId).HasMaxLength(64);
        wish.Property(w => w.Name).HasMaxLength(Contact.MaxNameLength);
        wish.Property(w => w.Email).HasMaxLength(Contact.MaxEmailLength);
        wish.Property(w => w.NormalisedEmail).HasMaxLength(Contact.MaxEmailLength);
        wish.Property(w => w.Phone).HasMaxLength(Contact.MaxPhoneLength);
        wish.Property(w => w.Language).HasMaxLength(2);
        wish.Property(w => w.Status).HasConversion<int>();
        wish.Property<int>("Version").IsConcurrencyToken();
        wish.Ignore(w => w.Definition);
        wish.Ignore(w => w.WaitShown);
        wish.Property(w => w.WaitBasis).HasConversion<int?>();

        // One place in the queue per person and service: a second confirmed registration cannot
        // slip in beside the first, whatever the races.
        wish.HasIndex(w => new { w.NormalisedEmail, w.ServiceId }).IsUnique().HasFilter("\"Status\" IN (1, 2)");

        // A person's registrations still waiting for their confirmation link (the cap on them).
        wish.HasIndex(w => new { w.NormalisedEmail, w.ServiceId }, "IX_wishes_Unconfirmed").HasFilter("\"Status\" = 0");
        wish.HasIndex(w => new { w.Status, w.Latest });

        // The statistics count wishes by the period they were confirmed in.
        wish.HasIndex(w => w.ConfirmedAt);

        // The wait estimate's calibration reads a service's recent wishes each hour: from this index
        // alone, with the columns it reads, not from the wide rows (136 ms a round at day 108 of the model city, 62 with it).
        wish.HasIndex(w => new { w.ServiceId, w.RegisteredAt, w.WaitBasis, w.WaitPointDays, w.Status, w.EndedAt, w.Id })
            .HasDatabaseName("IX_wishes_wait_outcomes");

        // The wait estimate counts a service's wishes with an open offer registered before one. Without
        // this index SQLite, which keeps no statistics, walked every wish of the service ever registered.
        wish.HasIndex(w => new { w.Status, w.ServiceId, w.RegisteredAt });

        // The hourly retention round reads the wishes not anonymised yet that were registered before
        // its cutoff: only those are in this index, never every wish ever registered.
        wish.HasIndex(w => w.RegisteredAt, "IX_wishes_NotAnonymised_RegisteredAt").HasFilter("\"AnonymisedAt\" IS NULL");
        wish.HasMany(w => w.Targets).WithOne().HasForeignKey(t => t.WishId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WishTargetConfiguration : IEntityTypeConfiguration<WishTarget>
{
    public void Configure(EntityTypeBuilder<WishTarget> target)
    {
        target.ToTable("wish_targets");
        target.HasKey(t => t.Id);
        target.Property(t => t.ServiceId).HasMaxLength(64);
        target.Property(t => t.OfficeId).HasMaxLength(64);

        // The agent's search: waiting wishes for a service, office and weekday, oldest first. Only
        // waiting rows are in it, in the query's order and with the columns its filter reads, so
        // the first match is found walking the index without a sort or a look-up of the table.
        target.HasIndex(t => new { t.ServiceId, t.OfficeId, t.Weekday, t.RegisteredAt, t.WishId, t.FromMinute, t.ToMinute, t.Earliest, t.Latest })
            .HasFilter("\"IsWaiting\"")
            .HasDatabaseName("IX_wish_targets_waiting");
        target.HasIndex(t => t.WishId);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> offer)
    {
        offer.ToTable("offers");
        offer.HasKey(o => o.Id);
        offer.Property(o => o.ServiceId).HasMaxLength(64);
        offer.Property(o => o.OfficeId).HasMaxLength(64);
        offer.Property(o => o.Status).HasConversion<int>();
        offer.Property(o => o.Source).HasConversion<int>();
        offer.Property<int>("Version").IsConcurrencyToken();
        offer.HasOne<Wish>().WithMany().HasForeignKey(o => o.WishId).OnDelete(DeleteBehavior.Restrict);

        // At most one open offer per wish, enforced where no race can get past it.
        offer.HasIndex(o => o.WishId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_offers_one_open_per_wish");
        offer.HasIndex(o => new { o.Status, o.Deadline });

        // A wish's offers by their state: how many it let lapse, when a deadline rule forgives one;
        // with the time, the calibration finds a wish's first offer in the index alone.
        offer.HasIndex(o => new { o.WishId, o.Status, o.OfferedAt });

        // The statistics count offers by the period they were made in.
        offer.HasIndex(o => o.OfferedAt);

        // The wait estimate's hourly read of a service's recent offers: one range of this index,
        // with the columns it reads, instead of every service's offers of four weeks and their rows.
        offer.HasIndex(o => new { o.ServiceId, o.OfferedAt, o.OfficeId, o.Start, o.End }).HasDatabaseName("IX_offers_service_history");
        offer.HasMany(o => o.Slots).WithOne().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OfferSlotConfiguration : IEntityTypeConfiguration<OfferSlot>
{
    public void Configure(EntityTypeBuilder<OfferSlot> offerSlot)
    {
        offerSlot.ToTable("offer_slots");
        offerSlot.HasKey(o => new { o.OfferId, o.SlotId });
        offerSlot.HasIndex(o => o.SlotId);
        offerSlot.HasOne<Slot>().WithMany().HasForeignKey(o => o.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReleaseRunConfiguration : IEntityTypeConfiguration<ReleaseRun>
{
    public void Configure(EntityTypeBuilder<ReleaseRun> run)
    {
        run.ToTable("release_runs");
        run.HasKey(r => new { r.OfficeId, r.Date, r.Kind });
        run.Property(r => r.OfficeId).HasMaxLength(64);
        run.Property(r => r.Kind).HasConversion<int>();
    }
}
