using System.Collections.Immutable;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Engine.Availability;

public sealed record AvailableTimes(IReadOnlyList<FreeTime> Times, IReadOnlyList<LocalDate> Days, bool MoreThanShown = false);

/// <summary>A day with free times, and how many.</summary>
public sealed record FreeDay(LocalDate Date, int Count);

/// <summary>
/// Free times a day at a time: every day with free times and how many, the times of
/// <paramref name="Day"/> (the first day with free times unless another was asked for), and the
/// earliest free time of all.
/// </summary>
public sealed record DayOfTimes(IReadOnlyList<FreeDay> Days, LocalDate? Day, IReadOnlyList<FreeTime> Times, FreeTime? Earliest);

/// <summary>Free appointment times for a service across offices, earliest first, from the instance's <see cref="FreePlaceIndex"/>.</summary>
public sealed class AvailabilityQuery(FreePlaceIndex index, City city)
{
    public const int MaxTimes = 120;

    public async Task<AvailableTimes> FindAsync(Service service, IReadOnlyCollection<string> officeIds, LocalDate? day, Instant now, CancellationToken ct)
    {
        await index.ReadyAsync(ct);
        var offices = DaysOf(officeIds);
        var needed = city.SlotsNeeded(service);
        var times = new List<FreeTime>();
        var days = new List<LocalDate>();
        foreach (var date in DatesOf(offices))
        {
            // Every day with a free time is listed; the times themselves only as far as they are shown.
            var wanted = day is { } d ? date == d : times.Count <= MaxTimes;
            var onDate = TimesOn(offices, date, needed, now, all: wanted);
            if (onDate.Count == 0)
            {
                continue;
            }

            days.Add(date);
            if (wanted)
            {
                times.AddRange(onDate.OrderBy(t => t.Start).ThenBy(t => t.OfficeId));
            }
        }

        return new AvailableTimes(times.Take(MaxTimes).ToList(), days, times.Count > MaxTimes);
    }

    /// <summary>
    /// The times of one day, <paramref name="day"/> or else the first with free times, with every
    /// day's count and the earliest time: from the same read of the index as <see cref="FindAsync"/>.
    /// </summary>
    public async Task<DayOfTimes> FindDayAsync(Service service, IReadOnlyCollection<string> officeIds, LocalDate? day, Instant now, CancellationToken ct)
    {
        await index.ReadyAsync(ct);
        var offices = DaysOf(officeIds);
        var needed = city.SlotsNeeded(service);
        var days = new List<FreeDay>();
        List<FreeTime>? first = null;
        List<FreeTime>? chosen = null;
        foreach (var date in DatesOf(offices))
        {
            // Only the first day's times and the chosen day's are made; every other day is counted.
            int count;
            if (first is null || date == day)
            {
                var onDate = TimesOn(offices, date, needed, now, all: true);
                count = onDate.Count;
                if (count > 0)
                {
                    onDate.Sort(ByStartThenOffice);
                    first ??= onDate;
                    chosen = date == day ? onDate : chosen;
                }
            }
            else
            {
                count = CountOn(offices, date, needed, now);
            }

            if (count > 0)
            {
                days.Add(new FreeDay(date, count));
            }
        }

        var shown = day ?? first?[0].Date;
        var times = day is null ? first : chosen;
        return new DayOfTimes(days, shown, times ?? [], first?[0]);
    }

    /// <summary>The times nearest to one a citizen wanted, for when it was taken first by someone else.</summary>
    public async Task<IReadOnlyList<FreeTime>> NearestAsync(Service service, IReadOnlyCollection<string> officeIds, Instant wanted, Instant now, int count, CancellationToken ct)
    {
        await index.ReadyAsync(ct);
        var offices = DaysOf(officeIds);
        var needed = city.SlotsNeeded(service);
        var dates = DatesOf(offices);
        var wantedDate = wanted.InUtc().Date;

        // Outwards from the wanted day, one day either side more than it takes to have enough.
        var found = new List<FreeTime>();
        var enoughAt = -1;
        foreach (var (date, distance) in dates.Select(d => (d, Math.Abs(Period.Between(wantedDate, d, PeriodUnits.Days).Days))).OrderBy(d => d.Item2))
        {
            if (enoughAt >= 0 && distance > enoughAt + 1)
            {
                break;
            }

            found.AddRange(TimesOn(offices, date, needed, now, all: true));
            if (enoughAt < 0 && found.Count >= count)
            {
                enoughAt = distance;
            }
        }

        return found.OrderBy(t => Math.Abs((t.Start - wanted).TotalTicks)).Take(count).OrderBy(t => t.Start).ToList();
    }

    /// <summary>Each office's days as the index has them now: one query reads one state of it.</summary>
    private List<ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>> DaysOf(IReadOnlyCollection<string> officeIds) =>
        officeIds.Select(index.DaysOf).ToList();

    private static SortedSet<LocalDate> DatesOf(List<ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>> offices)
    {
        var dates = new SortedSet<LocalDate>();
        foreach (var days in offices)
        {
            dates.UnionWith(days.Keys);
        }

        return dates;
    }

    private static int ByStartThenOffice(FreeTime a, FreeTime b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.OfficeId, b.OfficeId);

    /// <summary>How many free times the offices have on one day, without making them.</summary>
    private static int CountOn(
        List<ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>> offices, LocalDate date, int needed, Instant now)
    {
        var count = 0;
        foreach (var days in offices)
        {
            if (OpenDay(days, date, now) is { } day)
            {
                count += FreeTimes.CountInDay(SlotsOf(day), needed, Taker.Citizen, now, i => day[i].LapsedHolds(now));
            }
        }

        return count;
    }

    /// <summary>The free times of the offices on one day: all of them, or only whether there is one.</summary>
    private static List<FreeTime> TimesOn(
        List<ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>>> offices, LocalDate date, int needed, Instant now, bool all)
    {
        var found = new List<FreeTime>();
        foreach (var days in offices)
        {
            if (OpenDay(days, date, now) is not { } day)
            {
                continue;
            }

            foreach (var time in FreeTimes.InDay(SlotsOf(day), needed, Taker.Citizen, now, i => day[i].LapsedHolds(now)))
            {
                found.Add(time);
                if (!all)
                {
                    return found;
                }
            }
        }

        return found;
    }

    /// <summary>An office's slots on a date, unless it has none or the last has begun.</summary>
    private static ImmutableArray<IndexedSlot>? OpenDay(ImmutableSortedDictionary<LocalDate, ImmutableArray<IndexedSlot>> days, LocalDate date, Instant now) =>
        days.TryGetValue(date, out var day) && day[^1].Slot.Start > now ? day : null;

    private static Slot[] SlotsOf(ImmutableArray<IndexedSlot> day)
    {
        var slots = new Slot[day.Length];
        for (var i = 0; i < day.Length; i++)
        {
            slots[i] = day[i].Slot;
        }

        return slots;
    }
}
