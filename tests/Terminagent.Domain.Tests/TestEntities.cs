using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Tests;

/// <summary>Services, slots, wishes and offers as the entity tests need them, made through the entities' own factories.</summary>
internal static class TestEntities
{
    public static Service Personalausweis { get; } =
        new("personalausweis", "Personalausweis", "Identity card", Duration.FromMinutes(30), ["mitte", "nord"]);

    public static Office Mitte { get; } = TestOffices.Morning(id: "mitte");

    public static Office Nord { get; } = TestOffices.Morning(id: "nord");

    public static Contact Anna { get; } = new("Anna Meier", "Anna.Meier@Example.de", "0211 123456");

    /// <summary>Two quarter-hour slots of Mitte from <paramref name="start"/>, with ids from <paramref name="firstId"/>.</summary>
    public static IReadOnlyList<Slot> Run(Instant start, long firstId = 1) =>
        Enumerable.Range(0, 2)
            .Select(i => Slot.AsStored(
                firstId + i,
                new PlannedSlot("mitte", start.InUtc().Date, start + (TestOffices.Quarter * i), start + (TestOffices.Quarter * (i + 1)), 3, 0, start - Duration.FromDays(21), start)))
            .ToList();

    public static WishDefinition Definition { get; } =
        new("personalausweis", ["mitte"], [IsoDayOfWeek.Monday], [new TimeWindow(new LocalTime(8, 0), new LocalTime(12, 0))], null, null);

    /// <summary>A wish registered online and confirmed at <paramref name="now"/>: waiting in the queue.</summary>
    public static Wish WaitingWish(Instant now, string? email = "erika@example.org")
    {
        var wish = Wish.Register(Definition, "Erika Mustermann", email, "0211 654321", "de", WishChannel.Online, null, now);
        Assert.Equal(WishOutcome.Done, wish.Confirm(now));
        return wish;
    }

    /// <summary>An offer of <see cref="Run"/> at <paramref name="start"/> made to <paramref name="wish"/>, which is marked offered.</summary>
    public static Offer OfferTo(Wish wish, Instant start, Instant now)
    {
        var offer = Offer.Make(wish, Personalausweis, Run(start), start - Duration.FromHours(2), OfferSource.FreedPlace, now);
        wish.MarkOffered();
        return offer;
    }
}
