using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Slots;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Statistics;

/// <summary>
/// A small, fully known history at Hauptbahnhof over Sunday 29 and Monday 30 November 2026
/// (Europe/Berlin, UTC+1), with one row at Bilk that a Hauptbahnhof view must not see. The apps
/// start without schedule sync, so the only slots are these. Every expected figure is spelled out.
/// </summary>
public static class StatisticsScenario
{
    public const string Office = "hauptbahnhof";
    public const string Other = "bilk";
    public static readonly LocalDate Day1 = new(2026, 11, 29);
    public static readonly LocalDate Day2 = new(2026, 11, 30);
    public const string Query = "office=hauptbahnhof&from=2026-11-29&to=2026-11-30";

    public static Dictionary<string, string?> Settings => new() { ["Schedule:SyncOnStart"] = "false" };

    private static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour, minute);

    public static async Task SeedAsync(TestApp app)
    {
        var city = app.Services.GetRequiredService<City>();
        await using var db = app.NewDb();

        // Appointments: day 1 two online kept, one infoline no-show, one cancelled; day 2 one online
        // at 00:30 local (23:30 UTC the day before: it belongs to day 2) and one by infoline.
        db.Bookings.AddRange(
            Booking(city, Office, Utc(29, 9), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(city, Office, Utc(29, 10), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(city, Office, Utc(29, 11), BookingStatus.NoShow, BookingChannel.Infoline),
            Booking(city, Office, Utc(29, 12), BookingStatus.Cancelled, BookingChannel.Online),
            Booking(city, Office, Utc(29, 23, 30), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(city, Office, Utc(30, 8), BookingStatus.Confirmed, BookingChannel.Infoline),
            Booking(city, Office, Utc(30, 9), BookingStatus.Held, BookingChannel.Online),
            Booking(city, Other, Utc(30, 8), BookingStatus.Confirmed, BookingChannel.Online));

        // Places: day 1 5 of which 3 taken; day 2 4 of which 1 taken, plus a withdrawn slot with one booking left.
        var offered = Slot(Office, Day2, Utc(30, 8), capacity: 4, taken: 1);
        db.Slots.AddRange(
            Slot(Office, Day1, Utc(29, 9), capacity: 2, taken: 2),
            Slot(Office, Day1, Utc(29, 10), capacity: 3, taken: 1),
            offered,
            Slot(Office, Day2, Utc(30, 9), capacity: 5, taken: 1, withdrawn: true),
            Slot(Other, Day2, Utc(30, 8), capacity: 7, taken: 7));
        await db.SaveChangesAsync();

        // Wishes: two confirmed on day 1 for Hauptbahnhof, one older still waiting, one for Bilk.
        var w1 = Wish(Office, Utc(29, 10));
        var w2 = Wish(Office, Utc(29, 12));
        var w3 = Wish(Office, Utc(27, 12));
        var w4 = Wish(Other, Utc(29, 12));
        db.Wishes.AddRange(w1, w2, w3, w4);

        // Offers, all of the slot saved above (only when they were made and answered counts): w2 first
        // offered after 90 min, accepted after 30; w1 after 60 min, declined after 10, offered again
        // and lapsed (the app would end w1 then; here it waits on), then offered a third time (open).
        var service = city.FindService(Scenario.Service)!;
        var accepted = Offer(w2, Utc(29, 13, 30));
        accepted.Accept(Utc(29, 14));
        w2.End(WishStatus.Fulfilled, Utc(29, 14));
        var declined = Offer(w1, Utc(29, 11));
        declined.Decline(Utc(29, 11, 10));
        w1.ResumeWaiting();
        var lapsed = Offer(w1, Utc(29, 15), Utc(30, 8));
        lapsed.Lapse(Utc(30, 8));
        w1.ResumeWaiting();
        var open = Offer(w1, Utc(30, 8, 30));
        db.Offers.AddRange(accepted, declined, lapsed, open);

        // Walk-ins on day 2: waits of 5, 12 and 20 minutes, one still waiting.
        db.Visits.AddRange(
            Walkin(Utc(30, 7), 1, 5),
            Walkin(Utc(30, 7, 10), 2, 12),
            Walkin(Utc(30, 7, 20), 3, 20),
            Walkin(Utc(30, 8, 50), 4, null));
        await db.SaveChangesAsync();

        Offer Offer(Wish wish, Instant offeredAt, Instant? deadline = null)
        {
            deadline ??= offeredAt + Duration.FromHours(48);
            var offer = Domain.Agent.Offer.Make(wish, service, [offered], deadline.Value, OfferSource.FreedPlace, offeredAt);
            wish.MarkOffered();
            return offer;
        }

        Visit Walkin(Instant arrived, int number, int? waitedMinutes)
        {
            var visit = History.Walkin(city, Office, arrived, number);
            return waitedMinutes is { } m ? visit.Called("Schalter 1", arrived + Duration.FromMinutes(m), VisitStatus.Served) : visit;
        }
    }

    private static Domain.Bookings.Booking Booking(City city, string office, Instant start, BookingStatus status, BookingChannel channel) =>
        History.Booking(city, office, start, status, channel, bookedAt: start - Duration.FromDays(3));

    private static Slot Slot(string office, LocalDate date, Instant start, int capacity, int taken, bool withdrawn = false)
    {
        var slot = Domain.Slots.Slot.FromPlan(new PlannedSlot(
            office, date, start, start + Duration.FromMinutes(15), capacity, 0, start - Duration.FromDays(21), start - Duration.FromHours(2)));
        slot.Taken = taken;
        if (withdrawn)
        {
            slot.Withdraw();
        }

        return slot;
    }

    /// <summary>A wish registered five minutes before it was confirmed: waiting in the queue.</summary>
    private static Wish Wish(string office, Instant confirmedAt)
    {
        var definition = new WishDefinition(Scenario.Service, [office], [IsoDayOfWeek.Monday], [new TimeWindow(new LocalTime(8, 0), new LocalTime(12, 0))], null, null);
        var wish = Domain.Agent.Wish.Register(
            definition, "Bernd Beispiel", $"{Guid.NewGuid():N}@example.org", null, "de", WishChannel.Online, null, confirmedAt - Duration.FromMinutes(5));
        wish.Confirm(confirmedAt);
        return wish;
    }
}
