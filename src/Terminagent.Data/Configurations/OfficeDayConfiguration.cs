using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Terminagent.Data.Staff;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Staff;

namespace Terminagent.Data.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.ToTable("tickets");
        ticket.HasKey(t => t.Id);
        ticket.Property(t => t.OfficeId).HasMaxLength(64);
        ticket.Property(t => t.ServiceId).HasMaxLength(64);
        ticket.Property(t => t.Language).HasMaxLength(2);
        ticket.Ignore(t => t.Label);

        // The sequence hands out each number once; this index makes sure of it whatever happens.
        ticket.HasIndex(t => new { t.OfficeId, t.Day, t.Number }).IsUnique();
        ticket.HasMany(t => t.Slots).WithOne().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TicketSlotConfiguration : IEntityTypeConfiguration<TicketSlot>
{
    public void Configure(EntityTypeBuilder<TicketSlot> slot)
    {
        slot.ToTable("ticket_slots");
        slot.HasKey(s => new { s.TicketId, s.SlotId });
        slot.HasIndex(s => s.SlotId);
    }
}

internal sealed class TicketSequenceConfiguration : IEntityTypeConfiguration<TicketSequence>
{
    public void Configure(EntityTypeBuilder<TicketSequence> sequence)
    {
        sequence.ToTable("ticket_sequences");
        sequence.HasKey(s => new { s.OfficeId, s.Day });
        sequence.Property(s => s.OfficeId).HasMaxLength(64);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> visit)
    {
        visit.ToTable("visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.OfficeId).HasMaxLength(64);
        visit.Property(v => v.ServiceId).HasMaxLength(64);
        visit.Property(v => v.Label).HasMaxLength(16);
        visit.Property(v => v.Counter).HasMaxLength(Visit.MaxCounterLength);
        visit.Property(v => v.Kind).HasConversion<int>();
        visit.Property(v => v.Status).HasConversion<int>();
        visit.Ignore(v => v.WaitingTime);
        visit.Ignore(v => v.IsOpen);

        // Two clerks pressing "next" at once: the second save finds the version moved on.
        visit.Property<int>("Version").IsConcurrencyToken();

        // A booking checks in once and a ticket queues once, however often the button is pressed.
        visit.HasIndex(v => v.BookingId).IsUnique();
        visit.HasIndex(v => v.TicketId).IsUnique();
        visit.HasIndex(v => new { v.OfficeId, v.Day, v.Status, v.DueAt });
    }
}

internal sealed class CallAnnouncementConfiguration : IEntityTypeConfiguration<CallAnnouncement>
{
    public void Configure(EntityTypeBuilder<CallAnnouncement> call)
    {
        call.ToTable("call_announcements");
        call.HasKey(c => c.Id);
        call.Property(c => c.Id).ValueGeneratedOnAdd();
        call.Property(c => c.OfficeId).HasMaxLength(64);
        call.Property(c => c.Label).HasMaxLength(16);
        call.Property(c => c.Counter).HasMaxLength(Visit.MaxCounterLength);
        call.HasIndex(c => new { c.OfficeId, c.Id });
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> device)
    {
        device.ToTable("devices");
        device.HasKey(d => d.Id);
        device.Property(d => d.OfficeId).HasMaxLength(64);
        device.Property(d => d.Name).HasMaxLength(Device.MaxNameLength);
        device.Property(d => d.TokenHash).HasMaxLength(64);
        device.Property(d => d.Kind).HasConversion<int>();
        device.HasIndex(d => d.TokenHash).IsUnique();
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> user)
    {
        user.ToTable("staff_users");
        user.Property(u => u.DisplayName).HasMaxLength(StaffUser.MaxDisplayNameLength);
        user.Property(u => u.Role).HasConversion<int>();

        // A handful of office ids per person, always read with the account: one column is enough.
        user.Property(u => u.OfficeIds)
            .HasConversion(
                ids => string.Join(',', ids),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    ids => ids.Aggregate(0, (h, id) => HashCode.Combine(h, id.GetHashCode(StringComparison.Ordinal))),
                    ids => ids.ToList()))
            .HasMaxLength(1000);
    }
}
