using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Domain.Bookings;

namespace Terminagent.Data.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> booking)
    {
        booking.ToTable("bookings");
        booking.HasKey(b => b.Id);
        booking.Property(b => b.Code).HasMaxLength(9);
        booking.HasIndex(b => b.Code).IsUnique();
        booking.Property(b => b.OfficeId).HasMaxLength(64);
        booking.Property(b => b.ServiceId).HasMaxLength(64);
        booking.Property(b => b.Name).HasMaxLength(Contact.MaxNameLength);
        booking.Property(b => b.Email).HasMaxLength(Contact.MaxEmailLength);
        booking.Property(b => b.NormalisedEmail).HasMaxLength(Contact.MaxEmailLength);
        booking.Property(b => b.Phone).HasMaxLength(Contact.MaxPhoneLength);
        booking.Property(b => b.Language).HasMaxLength(2);
        booking.Property(b => b.Status).HasConversion<int>();

        // Two clicks or two instances acting on one booking: the second save finds the version
        // moved on and fails, so a booking is never cancelled (and its places freed) twice.
        booking.Property<int>("Version").IsConcurrencyToken();

        booking.HasIndex(b => new { b.Status, b.HoldExpiresAt });

        // The repeated-submit check and the counter's day look bookings up by office and start,
        // the no-show rule confirmed bookings by start, the statistics bookings by start. Without
        // these each is a scan of every booking ever made, which grows with every day the city runs.
        booking.HasIndex(b => new { b.OfficeId, b.Start });
        booking.HasIndex(b => new { b.Status, b.Start });
        booking.HasIndex(b => b.Start);

        // A person's active bookings of a service are counted on every hold (the cap per person).
        booking.HasIndex(b => new { b.NormalisedEmail, b.ServiceId });

        // The hourly retention round reads the bookings not anonymised yet that were made before its
        // cutoff: only those are in this index, never every booking ever made.
        booking.HasIndex(b => b.CreatedAt, "IX_bookings_NotAnonymised_CreatedAt").HasFilter("\"AnonymisedAt\" IS NULL");
        booking.HasMany(b => b.Slots).WithOne().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
