using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Domain.Slots;

namespace Terminagent.Data.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> slot)
    {
        slot.ToTable("slots", t =>
        {
            // The database, not the code, guarantees that no slot is ever overbooked.
            t.HasCheckConstraint("ck_slots_taken_within_capacity", "\"Taken\" >= 0 AND (\"Taken\" <= \"Capacity\" OR \"NeedsReview\")");
            t.HasCheckConstraint("ck_slots_held_back_within_capacity", "\"HeldBack\" >= 0 AND \"HeldBack\" <= \"Capacity\"");
        });
        slot.HasKey(s => s.Id);
        slot.Property(s => s.Id).ValueGeneratedOnAdd();
        slot.Property(s => s.OfficeId).HasMaxLength(64);
        slot.HasIndex(s => new { s.OfficeId, s.Start }).IsUnique();
        slot.HasIndex(s => new { s.Date, s.OfficeId });
    }
}

internal sealed class BookingSlotConfiguration : IEntityTypeConfiguration<Terminagent.Domain.Bookings.BookingSlot>
{
    public void Configure(EntityTypeBuilder<Terminagent.Domain.Bookings.BookingSlot> bookingSlot)
    {
        bookingSlot.ToTable("booking_slots");
        bookingSlot.HasKey(b => new { b.BookingId, b.SlotId });
        bookingSlot.HasIndex(b => b.SlotId);
        bookingSlot.HasOne<Slot>().WithMany().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}
