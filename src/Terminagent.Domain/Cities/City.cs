using NodaTime;

namespace Terminagent.Domain.Cities;

/// <summary>The city's offices and services as the city configured them, validated.</summary>
public sealed record City(
    string Name,
    Duration SlotLength,
    Duration HoldDuration,
    IReadOnlyList<Office> Offices,
    IReadOnlyList<Service> Services)
{
    public Office? FindOffice(string id) => Offices.FirstOrDefault(o => o.Id == id);

    public Service? FindService(string id) => Services.FirstOrDefault(s => s.Id == id);

    public IEnumerable<Office> OfficesOffering(Service service) =>
        Offices.Where(o => service.OfficeIds.Contains(o.Id));

    /// <summary>How many consecutive slots one appointment for the service occupies.</summary>
    public int SlotsNeeded(Service service) =>
        (int)Math.Ceiling(service.Duration.TotalMinutes / SlotLength.TotalMinutes);
}

public sealed record Office(
    string Id,
    string Name,
    string Address,
    DateTimeZone Zone,
    bool HasKiosk,
    IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<OpeningPeriod>> OpeningHours,
    IReadOnlySet<LocalDate> ClosedDays,
    ReleasePolicy Release)
{
    /// <summary>How the agent shares this office's capacity and times its offers.</summary>
    public Agent.AgentPolicy Agent { get; init; } = Terminagent.Domain.Agent.AgentPolicy.Default;

    public IReadOnlyList<OpeningPeriod> PeriodsOn(LocalDate date) =>
        ClosedDays.Contains(date) || !OpeningHours.TryGetValue(date.DayOfWeek, out var periods)
            ? []
            : periods;
}

public sealed record OpeningPeriod(LocalTime From, LocalTime To, int Counters);

public sealed record Service(
    string Id,
    string NameDe,
    string NameEn,
    Duration Duration,
    IReadOnlyList<string> OfficeIds)
{
    /// <summary>
    /// The service's name in languages beyond German and English (key: language code), from the
    /// translators' resources; a language without one reads the German name, as on the office's signs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Translations { get; init; } = new Dictionary<string, string>();

    public string NameIn(string language) => language switch
    {
        "de" => NameDe,
        "en" => NameEn,
        _ => Translations.GetValueOrDefault(language) ?? NameDe,
    };
}

/// <summary>
/// When capacity becomes bookable: the day <see cref="AdvanceLeadDays"/> ahead opens every day at
/// <see cref="AdvanceReleaseTime"/>; the share held back for same-day customers opens at
/// <see cref="SameDayReleaseTime"/> on the day itself.
/// </summary>
public sealed record ReleasePolicy(
    LocalTime AdvanceReleaseTime,
    int AdvanceLeadDays,
    LocalTime SameDayReleaseTime,
    int SameDaySharePercent)
{
    public static ReleasePolicy Default { get; } = new(new LocalTime(9, 0), 21, new LocalTime(7, 0), 20);
}
