using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;

namespace Terminagent.Benchmarks;

/// <summary>One generated wish: what it asks for, when it joined the queue, whether it waits.</summary>
public sealed record GeneratedWish(Guid Id, int Number, WishDefinition Definition, Instant RegisteredAt, WishStatus Status);

/// <summary>
/// Realistic random wishes for the demo city, the same for the same seed: a service (identity card
/// and passport most wanted), 1–3 of the offices offering it, 2–5 weekdays, 1–2 time windows, mostly
/// no date range, registered over the ten months before <c>now</c>; about 1% have an open offer.
/// </summary>
public sealed class WishGenerator(City city, Instant now, int seed = 42)
{
    private static readonly (string Service, int Weight)[] ServiceWeights =
    [
        ("personalausweis", 30), ("reisepass", 20), ("wohnsitz-anmelden", 20), ("meldebescheinigung", 8),
        ("ausweis-abholen", 7), ("fuehrungszeugnis", 5), ("kinderreisepass", 5), ("beglaubigung", 5),
    ];

    private static readonly TimeWindow[] Windows =
    [
        new(new LocalTime(8, 0), new LocalTime(12, 30)),
        new(new LocalTime(8, 0), new LocalTime(10, 0)),
        new(new LocalTime(10, 0), new LocalTime(12, 30)),
        new(new LocalTime(14, 0), new LocalTime(18, 0)),
        new(new LocalTime(16, 0), new LocalTime(18, 0)),
        new(new LocalTime(8, 0), new LocalTime(18, 0)),
    ];

    private static readonly IsoDayOfWeek[] Workdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly Duration TenMonths = Duration.FromDays(300);

    private readonly Random random = new(seed);
    private readonly int totalWeight = ServiceWeights.Sum(w => w.Weight);
    private readonly LocalDate today = now.InUtc().Date;

    public IEnumerable<GeneratedWish> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next(i);
        }
    }

    private GeneratedWish Next(int number)
    {
        var service = city.FindService(PickService())!;
        var offices = Pick(service.OfficeIds, random.Next(1, 4));
        var weekdays = Pick(Workdays, random.Next(2, 6)).Order().ToList();
        var windows = Pick(Windows, random.Next(1, 3)).OrderBy(w => w.From).ToList();
        LocalDate? earliest = null, latest = null;
        var range = random.Next(100);
        if (range < 15)
        {
            latest = today.PlusDays(random.Next(14, 121));
        }
        else if (range < 25)
        {
            earliest = today.PlusDays(random.Next(7, 61));
            latest = earliest.Value.PlusDays(random.Next(30, 91));
        }

        var registeredAt = now - Duration.FromTicks((long)(random.NextDouble() * TenMonths.TotalTicks)) - Duration.FromMinutes(1);
        var status = random.Next(100) == 0 ? WishStatus.Offered : WishStatus.Waiting;
        var definition = new WishDefinition(service.Id, offices, weekdays, windows, earliest, latest);
        return new GeneratedWish(NewGuid(), number, definition, registeredAt, status);
    }

    private string PickService()
    {
        var roll = random.Next(totalWeight);
        foreach (var (service, weight) in ServiceWeights)
        {
            if ((roll -= weight) < 0)
            {
                return service;
            }
        }

        return ServiceWeights[0].Service;
    }

    private List<T> Pick<T>(IReadOnlyList<T> from, int count)
    {
        var pool = from.ToList();
        var picked = new List<T>(count);
        while (picked.Count < count && pool.Count > 0)
        {
            var i = random.Next(pool.Count);
            picked.Add(pool[i]);
            pool.RemoveAt(i);
        }

        return picked;
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
