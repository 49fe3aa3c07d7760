namespace Terminagent.Engine.Cities;

/// <summary>The city's configuration file as bound, before validation (see <see cref="CityFactory"/>).</summary>
public sealed class CityOptions
{
    public const string Section = "City";

    public string Name { get; set; } = "";
    public int SlotMinutes { get; set; } = 15;
    public int HoldMinutes { get; set; } = 15;
    public ReleaseOptions Release { get; set; } = new();
    public AgentOptions Agent { get; set; } = new();
    public List<OfficeOptions> Offices { get; set; } = [];
    public List<ServiceOptions> Services { get; set; } = [];
}

public sealed class OfficeOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string TimeZone { get; set; } = "Europe/Berlin";
    public bool HasKiosk { get; set; } = true;
    public Dictionary<string, List<OpeningPeriodOptions>> OpeningHours { get; set; } = [];
    public List<string> ClosedDays { get; set; } = [];

    /// <summary>Overrides the city's release policy for this office when given.</summary>
    public ReleaseOptions? Release { get; set; }

    /// <summary>Overrides the city's agent policy for this office when given.</summary>
    public AgentOptions? Agent { get; set; }
}

public sealed class OpeningPeriodOptions
{
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public int Counters { get; set; } = 1;
}

public sealed class ServiceOptions
{
    public string Id { get; set; } = "";
    public string NameDe { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int DurationMinutes { get; set; }
    public List<string> Offices { get; set; } = [];
}

public sealed class ReleaseOptions
{
    public string AdvanceReleaseTime { get; set; } = "09:00";
    public int AdvanceLeadDays { get; set; } = 21;
    public string SameDayReleaseTime { get; set; } = "07:00";
    public int SameDaySharePercent { get; set; } = 20;
}

public sealed class AgentOptions
{
    /// <summary>Of each release, the share of places the agent offers to waiting wishes before the rest is public.</summary>
    public int ReleaseSharePercent { get; set; } = 50;

    public int AnswerHours { get; set; } = 48;

    public int CutoffHoursBeforeStart { get; set; } = 2;

    public int MinimumAnswerMinutes { get; set; } = 60;

    /// <summary>"Fixed" (answer time, capped by the cutoff), "ShortensAsSlotNears", "ShortensAndKeepsWaiting" or "FixedAndKeepsWaiting"; see <see cref="Domain.Agent.DeadlineRule"/>.</summary>
    public string DeadlineRule { get; set; } = nameof(Domain.Agent.DeadlineRule.Fixed);
}
