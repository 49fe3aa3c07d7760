using NodaTime;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Tests;

public class ScheduleChangeTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 7, 8, 0);
    private static readonly Instant NineFifteen = Nine + Duration.FromMinutes(15);
    private static readonly HashSet<string> Passport = ["passport"];

    private static BookedPlace Place(int booking, Instant slot, int bookedMinutesAfterMidnight, string service = "passport") =>
        new(new Guid(booking, 0, 0, new byte[8]), service, slot, Instant.FromUtc(2026, 11, 1, 0, 0) + Duration.FromMinutes(bookedMinutesAfterMidnight));

    [Fact]
    public void UnchangedCapacity_AffectsNobody()
    {
        var affected = ScheduleChange.Affected([Place(1, Nine, 5), Place(2, Nine, 6)], new Dictionary<Instant, int> { [Nine] = 2 }, Passport);
        Assert.Empty(affected);
    }

    [Fact]
    public void FewerCounters_TheLastBookedGiveWay()
    {
        var affected = ScheduleChange.Affected(
            [Place(1, Nine, 30), Place(2, Nine, 10), Place(3, Nine, 20)], new Dictionary<Instant, int> { [Nine] = 1 }, Passport);
        Assert.Equal([new Guid(1, 0, 0, new byte[8]), new Guid(3, 0, 0, new byte[8])], affected.Keys.Order());
        Assert.All(affected.Values, c => Assert.Equal(ScheduleConflict.TooFewCounters, c));
    }

    [Fact]
    public void SlotGone_AffectsEveryBookingInIt_AndAMultiSlotBookingOnce()
    {
        // Booking 1 takes 09:00 and 09:15; only 09:15 remains open.
        var affected = ScheduleChange.Affected(
            [Place(1, Nine, 1), Place(1, NineFifteen, 1), Place(2, NineFifteen, 2)],
            new Dictionary<Instant, int> { [NineFifteen] = 3 },
            Passport);
        Assert.Equal(ScheduleConflict.Closed, Assert.Single(affected).Value);
    }

    [Fact]
    public void ServiceNoLongerOffered_IsNamedAsSuch()
    {
        var affected = ScheduleChange.Affected([Place(1, Nine, 1, "car")], new Dictionary<Instant, int> { [Nine] = 3 }, Passport);
        Assert.Equal(ScheduleConflict.ServiceNotOffered, affected.Single().Value);
    }
}
