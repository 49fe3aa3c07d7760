using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
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
        await using var db = app.NewDb();

        // Appointments: day 1 two online kept, one infoline no-show, one cancelled; day 2 one online
        // at 00:30 local (23:30 UTC the day before: it belongs to day 2) and one by infoline.
        db.Bookings.AddRange(
            Booking(Office, Utc(29, 9), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(Office, Utc(29, 10), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(Office, Utc(29, 11), BookingStatus.NoShow, BookingChannel.Infoline),
            Booking(Office, Utc(29, 12), BookingStatus.Cancelled, BookingChannel.Online),
            Booking(Office, Utc(29, 23, 30), BookingStatus.Confirmed, BookingChannel.Online),
            Booking(Office, Utc(30, 8), BookingStatus.Confirmed, BookingChannel.Infoline),
            Booking(Office, Utc(30, 9), BookingStatus.Held, BookingChannel.Online),
            Booking(Other, Utc(30, 8), BookingStatus.Confirmed, BookingChannel.Online));

        // Places: day 1 5 of which 3 taken; day 2 4 of which 1 taken, plus a withdrawn slot with one booking left.
        db.Slots.AddRange(
            Slot(Office, Day1, Utc(29, 9), capacity: 2, taken: 2),
            Slot(Office, Day1, Utc(29, 10), capacity: 3, taken: 1),
            Slot(Office, Day2, Utc(30, 8), capacity: 4, taken: 1),
            Slot(Office, Day2, Utc(30, 9), capacity: 5, taken: 1, withdrawn: true),
            Slot(Other, Day2, Utc(30, 8), capacity: 7, taken: 7));

        // Wishes: two confirmed on day 1 for Hauptbahnhof, one older still waiting, one for Bilk.
        var w1 = Wish(Office, Utc(29, 10), WishStatus.Offered);
        var w2 = Wish(Office, Utc(29, 12), WishStatus.Fulfilled);
        var w3 = Wish(Office, Utc(27, 12), WishStatus.Waiting);
        var w4 = Wish(Other, Utc(29, 12), WishStatus.Waiting);
        db.Wishes.AddRange(w1, w2, w3, w4);

        // Offers: w2 first offered after 90 min, accepted after 30; w1 after 60 min, declined after 10,
        // offered again and lapsed, then offered a third time (open).
        db.Offers.AddRange(
            Offer(w2.Id, Utc(29, 13, 30), OfferStatus.Accepted, Utc(29, 14)),
            Offer(w1.Id, Utc(29, 11), OfferStatus.Declined, Utc(29, 11, 10)),
            Offer(w1.Id, Utc(29, 15), OfferStatus.Lapsed, Utc(30, 8)),
            Offer(w1.Id, Utc(30, 8, 30), OfferStatus.Open, null));

        // Walk-ins on day 2: waits of 5, 12 and 20 minutes, one still waiting.
        db.Visits.AddRange(
            Walkin(Utc(30, 7), 5),
            Walkin(Utc(30, 7, 10), 12),
            Walkin(Utc(30, 7, 20), 20),
            Walkin(Utc(30, 8, 50), null));
        await db.SaveChangesAsync();
    }

    private static Booking Booking(string office, Instant start, BookingStatus status, BookingChannel channel) => new()
    {
        Id = Guid.NewGuid(),
        Code = BookingCode.New(),
        OfficeId = office,
        ServiceId = Scenario.Service,
        Start = start,
        End = start + Duration.FromMinutes(15),
        Status = status,
        Channel = channel,
        Name = "Anna Muster",
        Language = "de",
        CreatedAt = start - Duration.FromDays(3),
    };

    private static Slot Slot(string office, LocalDate date, Instant start, int capacity, int taken, bool withdrawn = false) => new()
    {
        OfficeId = office,
        Date = date,
        Start = start,
        End = start + Duration.FromMinutes(15),
        Capacity = capacity,
        Taken = taken,
        ReleasedAt = start - Duration.FromDays(21),
        SameDayReleaseAt = start - Duration.FromHours(2),
        IsWithdrawn = withdrawn,
    };

    private static Wish Wish(string office, Instant confirmedAt, WishStatus status)
    {
        var wish = new Wish
        {
            Id = Guid.NewGuid(),
            ServiceId = Scenario.Service,
            Name = "Bernd Beispiel",
            Email = $"{Guid.NewGuid():N}@example.org",
            Language = "de",
            RegisteredAt = confirmedAt - Duration.FromMinutes(5),
            ConfirmedAt = confirmedAt,
        };
        wish.NormalisedEmail = wish.Email;
        wish.Define(new WishDefinition(Scenario.Service, [office], [IsoDayOfWeek.Monday], [new TimeWindow(new LocalTime(8, 0), new LocalTime(12, 0))], null, null));
        wish.SetStatus(status);
        return wish;
    }

    private static Offer Offer(Guid wishId, Instant offeredAt, OfferStatus status, Instant? answeredAt) => new()
    {
        Id = Guid.NewGuid(),
        WishId = wishId,
        ServiceId = Scenario.Service,
        OfficeId = Office,
        Start = offeredAt + Duration.FromDays(2),
        End = offeredAt + Duration.FromDays(2) + Duration.FromMinutes(15),
        OfferedAt = offeredAt,
        Deadline = offeredAt + Duration.FromHours(48),
        Status = status,
        AnsweredAt = answeredAt,
    };

    private static Visit Walkin(Instant arrived, int? waitedMinutes) => new()
    {
        Id = Guid.NewGuid(),
        OfficeId = Office,
        Day = Day2,
        Kind = VisitKind.Ticket,
        Label = Ticket.FormatNumber(Random.Shared.Next(1, 999)),
        ServiceId = Scenario.Service,
        DueAt = arrived,
        ArrivedAt = arrived,
        FirstCalledAt = waitedMinutes is { } m ? arrived + Duration.FromMinutes(m) : null,
        CalledAt = waitedMinutes is { } n ? arrived + Duration.FromMinutes(n) : null,
        Status = waitedMinutes is null ? VisitStatus.Waiting : VisitStatus.Served,
        Counter = waitedMinutes is null ? null : "Schalter 1",
    };
}
