using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;

namespace Terminagent.Domain.Tests;

/// <summary>Offices, opening hours and slots as the tests need them, in Europe/Berlin unless told.</summary>
internal static class TestOffices
{
    public static DateTimeZone Berlin { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static Duration Quarter { get; } = Duration.FromMinutes(15);

    public static IsoDayOfWeek[] Weekdays { get; } =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public static IsoDayOfWeek[] EveryDay { get; } = [.. Weekdays, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    public static OpeningPeriod Period(int fromHour, int fromMinute, int toHour, int toMinute, int counters) =>
        new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute), counters);

    public static Office Office(
        IEnumerable<IsoDayOfWeek> days,
        IReadOnlyList<OpeningPeriod> periods,
        ReleasePolicy? release = null,
        IEnumerable<LocalDate>? closedDays = null,
        string id = "mitte") =>
        new(
            id,
            $"Bürgerbüro {id}",
            "Marktplatz 1",
            Berlin,
            HasKiosk: true,
            days.ToDictionary(d => d, _ => periods),
            (closedDays ?? []).ToHashSet(),
            release ?? ReleasePolicy.Default);

    /// <summary>The usual test office: weekdays 08:00–12:30 with three counters.</summary>
    public static Office Morning(ReleasePolicy? release = null, IEnumerable<LocalDate>? closedDays = null, string id = "mitte") =>
        Office(Weekdays, [Period(8, 0, 12, 30, 3)], release, closedDays, id);

    public static ReleasePolicy WithSameDayShare(int percent) => ReleasePolicy.Default with { SameDaySharePercent = percent };

    public static Slot ToSlot(this PlannedSlot planned, long id = 0, int taken = 0, bool withdrawn = false) =>
        Slot.AsStored(id, planned, taken, withdrawn);

    /// <summary>The day's slots with ids counting up from <paramref name="firstId"/>.</summary>
    public static List<Slot> SlotsOn(Office office, LocalDate date, long firstId = 1) =>
        SlotPlanner.PlanDay(office, date, Quarter).Select((p, i) => p.ToSlot(firstId + i)).ToList();

    public static LocalTime LocalStart(this PlannedSlot slot) => slot.Start.InZone(Berlin).TimeOfDay;
}
