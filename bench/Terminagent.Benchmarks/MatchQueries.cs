using NodaTime;
using Terminagent.Domain.Cities;

namespace Terminagent.Benchmarks;

/// <summary>A freed place to match: a service at an office, from a slot's start for the service's duration (office-local times).</summary>
public sealed record FreedSlot(string ServiceId, string OfficeId, LocalDateTime Start, LocalDateTime End)
{
    public override string ToString() => $"{ServiceId} at {OfficeId}, {Start:yyyy-MM-dd HH:mm}–{End:HH:mm} ({Start.DayOfWeek})";
}

/// <summary>Random freed slots of the demo city's next four weeks, the same for the same seed.</summary>
public static class MatchQueries
{
    public static FreedSlot[] Random(City city, Instant now, int count, int seed = 7)
    {
        var random = new Random(seed);
        var result = new FreedSlot[count];
        for (var i = 0; i < count;)
        {
            var office = city.Offices[random.Next(city.Offices.Count)];
            var services = city.Services.Where(s => s.OfficeIds.Contains(office.Id)).ToList();
            var service = services[random.Next(services.Count)];
            var date = now.InZone(office.Zone).Date.PlusDays(random.Next(1, 29));
            var periods = office.PeriodsOn(date);
            if (periods.Count == 0)
            {
                continue;
            }

            var period = periods[random.Next(periods.Count)];
            var length = city.SlotLength * city.SlotsNeeded(service);
            var starts = (int)((Period.Between(period.From, period.To, PeriodUnits.Minutes).Minutes - (long)length.TotalMinutes) / (long)city.SlotLength.TotalMinutes) + 1;
            if (starts <= 0)
            {
                continue;
            }

            var start = date + period.From.PlusMinutes((int)city.SlotLength.TotalMinutes * random.Next(starts));
            result[i++] = new FreedSlot(service.Id, office.Id, start, start.PlusMinutes((int)service.Duration.TotalMinutes));
        }

        return result;
    }

    /// <summary>
    /// The worst case: a slot no wish can take (06:00, before every time window) for the most wished
    /// service at the biggest office on a Tuesday, so the query reads every row of that
    /// (service, office, weekday) before it can answer "nobody".
    /// </summary>
    public static FreedSlot NoMatch(City city, Instant now)
    {
        var office = city.Offices[0];
        var date = now.InZone(office.Zone).Date.Next(IsoDayOfWeek.Tuesday);
        return new FreedSlot("personalausweis", office.Id, date + new LocalTime(6, 0), date + new LocalTime(6, 30));
    }
}
