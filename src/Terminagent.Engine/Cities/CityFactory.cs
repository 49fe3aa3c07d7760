using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;

namespace Terminagent.Engine.Cities;

/// <summary>
/// Checks the city's configuration and turns it into the domain's <see cref="City"/>. Every
/// message names the configuration key that is wrong, as the city's IT writes it in the file.
/// </summary>
public static class CityFactory
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static (City? City, IReadOnlyList<string> Errors) Build(CityOptions options)
    {
        var errors = new List<string>();
        const string root = CityOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add($"{root}:Name: the city needs a name.");
        }

        if (options.SlotMinutes is < 5 or > 240)
        {
            errors.Add($"{root}:SlotMinutes: must be between 5 and 240 minutes, not {options.SlotMinutes}.");
        }

        if (options.HoldMinutes is < 1 or > 1440)
        {
            errors.Add($"{root}:HoldMinutes: must be between 1 and 1440 minutes, not {options.HoldMinutes}.");
        }

        var cityRelease = ParseRelease(options.Release, $"{root}:Release", errors);
        var cityAgent = ParseAgent(options.Agent, $"{root}:Agent", errors);
        if (options.Offices.Count == 0)
        {
            errors.Add($"{root}:Offices: the city needs at least one office.");
        }

        var offices = new List<Office>();
        for (var i = 0; i < options.Offices.Count; i++)
        {
            var office = ParseOffice(options.Offices[i], $"{root}:Offices:{i}", cityRelease, cityAgent, options.SlotMinutes, errors);
            if (office is null)
            {
                continue;
            }

            if (offices.Any(o => o.Id == office.Id))
            {
                errors.Add($"{root}:Offices:{i}:Id: '{office.Id}' is used by another office.");
            }

            offices.Add(office);
        }

        var services = new List<Service>();
        for (var i = 0; i < options.Services.Count; i++)
        {
            var key = $"{root}:Services:{i}";
            var s = options.Services[i];
            var before = errors.Count;
            RequireId(s.Id, $"{key}:Id", errors);
            Require(s.NameDe, $"{key}:NameDe", errors);
            Require(s.NameEn, $"{key}:NameEn", errors);
            if (s.DurationMinutes is < 1 or > 480)
            {
                errors.Add($"{key}:DurationMinutes: must be between 1 and 480, not {s.DurationMinutes}.");
            }

            if (s.Offices.Count == 0)
            {
                errors.Add($"{key}:Offices: name at least one office that offers the service.");
            }

            for (var j = 0; j < s.Offices.Count; j++)
            {
                if (options.Offices.All(o => o.Id != s.Offices[j]))
                {
                    errors.Add($"{key}:Offices:{j}: there is no office with the id '{s.Offices[j]}'.");
                }
            }

            if (services.Any(x => x.Id == s.Id))
            {
                errors.Add($"{key}:Id: '{s.Id}' is used by another service.");
            }

            if (errors.Count == before)
            {
                services.Add(new Service(s.Id, s.NameDe.Trim(), s.NameEn.Trim(), Duration.FromMinutes(s.DurationMinutes), s.Offices.Distinct().ToList())
                {
                    Translations = ServiceNames.TranslationsOf(s.Id),
                });
            }
        }

        if (options.Services.Count == 0)
        {
            errors.Add($"{root}:Services: the city needs at least one service.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new City(options.Name.Trim(), Duration.FromMinutes(options.SlotMinutes), Duration.FromMinutes(options.HoldMinutes), offices, services), errors);
    }

    private static Office? ParseOffice(OfficeOptions o, string key, ReleasePolicy? cityRelease, AgentPolicy? cityAgent, int slotMinutes, List<string> errors)
    {
        var before = errors.Count;
        RequireId(o.Id, $"{key}:Id", errors);
        Require(o.Name, $"{key}:Name", errors);
        Require(o.Address, $"{key}:Address", errors);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.TimeZone ?? "");
        if (zone is null)
        {
            errors.Add($"{key}:TimeZone: '{o.TimeZone}' is not a time zone of the IANA tz database (e.g. Europe/Berlin).");
        }

        var hours = new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningPeriod>>();
        foreach (var (dayName, periods) in o.OpeningHours)
        {
            var dayKey = $"{key}:OpeningHours:{dayName}";
            if (!Enum.TryParse<IsoDayOfWeek>(dayName, ignoreCase: true, out var day) || day == IsoDayOfWeek.None || int.TryParse(dayName, out _))
            {
                errors.Add($"{dayKey}: '{dayName}' is not a weekday (Monday … Sunday).");
                continue;
            }

            var parsed = new List<OpeningPeriod>();
            for (var i = 0; i < periods.Count; i++)
            {
                var pKey = $"{dayKey}:{i}";
                var from = ParseTime(periods[i].From, $"{pKey}:From", errors);
                var to = ParseTime(periods[i].To, $"{pKey}:To", errors);
                if (periods[i].Counters is < 1 or > 100)
                {
                    errors.Add($"{pKey}:Counters: must be between 1 and 100, not {periods[i].Counters}.");
                }

                if (from is { } f && to is { } t)
                {
                    if (t <= f)
                    {
                        errors.Add($"{pKey}:To: {periods[i].To} is not after {periods[i].From}.");
                    }
                    else if (Period.Between(f, t, PeriodUnits.Minutes).Minutes < slotMinutes)
                    {
                        errors.Add($"{pKey}: the period is shorter than one slot ({slotMinutes} minutes).");
                    }
                    else if (parsed.Any(p => f < p.To && p.From < t))
                    {
                        errors.Add($"{pKey}: overlaps another period on {dayName}.");
                    }
                    else
                    {
                        parsed.Add(new OpeningPeriod(f, t, periods[i].Counters));
                    }
                }
            }

            hours[day] = parsed.OrderBy(p => p.From).ToList();
        }

        var closed = new HashSet<LocalDate>();
        for (var i = 0; i < o.ClosedDays.Count; i++)
        {
            var result = DatePattern.Parse(o.ClosedDays[i] ?? "");
            if (result.Success)
            {
                closed.Add(result.Value);
            }
            else
            {
                errors.Add($"{key}:ClosedDays:{i}: '{o.ClosedDays[i]}' is not a date like 2026-12-24.");
            }
        }

        var release = o.Release is null ? cityRelease : ParseRelease(o.Release, $"{key}:Release", errors);
        var agent = o.Agent is null ? cityAgent : ParseAgent(o.Agent, $"{key}:Agent", errors);
        return errors.Count > before || zone is null || release is null || agent is null
            ? null
            : new Office(o.Id, o.Name.Trim(), o.Address.Trim(), zone, o.HasKiosk, hours, closed, release) { Agent = agent };
    }

    private static ReleasePolicy? ParseRelease(ReleaseOptions r, string key, List<string> errors)
    {
        var before = errors.Count;
        var advance = ParseTime(r.AdvanceReleaseTime, $"{key}:AdvanceReleaseTime", errors);
        var sameDay = ParseTime(r.SameDayReleaseTime, $"{key}:SameDayReleaseTime", errors);
        if (r.AdvanceLeadDays is < 1 or > 365)
        {
            errors.Add($"{key}:AdvanceLeadDays: must be between 1 and 365, not {r.AdvanceLeadDays}.");
        }

        if (r.SameDaySharePercent is < 0 or > 100)
        {
            errors.Add($"{key}:SameDaySharePercent: must be between 0 and 100, not {r.SameDaySharePercent}.");
        }

        return errors.Count > before || advance is null || sameDay is null
            ? null
            : new ReleasePolicy(advance.Value, r.AdvanceLeadDays, sameDay.Value, r.SameDaySharePercent);
    }

    private static AgentPolicy? ParseAgent(AgentOptions a, string key, List<string> errors)
    {
        var before = errors.Count;
        if (a.ReleaseSharePercent is < 0 or > 100)
        {
            errors.Add($"{key}:ReleaseSharePercent: must be between 0 and 100, not {a.ReleaseSharePercent}.");
        }

        if (a.AnswerHours is < 1 or > 336)
        {
            errors.Add($"{key}:AnswerHours: must be between 1 and 336, not {a.AnswerHours}.");
        }

        if (a.CutoffHoursBeforeStart is < 0 or > 168)
        {
            errors.Add($"{key}:CutoffHoursBeforeStart: must be between 0 and 168, not {a.CutoffHoursBeforeStart}.");
        }

        if (a.MinimumAnswerMinutes < 1 || a.MinimumAnswerMinutes > a.AnswerHours * 60)
        {
            errors.Add($"{key}:MinimumAnswerMinutes: must be at least 1 and at most AnswerHours, not {a.MinimumAnswerMinutes}.");
        }

        if (!Enum.TryParse<DeadlineRule>(a.DeadlineRule, ignoreCase: true, out var rule) || !Enum.IsDefined(rule) || int.TryParse(a.DeadlineRule, out _))
        {
            errors.Add($"{key}:DeadlineRule: must be Fixed, ShortensAsSlotNears, ShortensAndKeepsWaiting or FixedAndKeepsWaiting, not '{a.DeadlineRule}'.");
        }

        return errors.Count > before
            ? null
            : new AgentPolicy(a.ReleaseSharePercent, Duration.FromHours(a.AnswerHours), Duration.FromHours(a.CutoffHoursBeforeStart), Duration.FromMinutes(a.MinimumAnswerMinutes), rule);
    }

    private static LocalTime? ParseTime(string? text, string key, List<string> errors)
    {
        var result = TimePattern.Parse(text ?? "");
        if (result.Success)
        {
            return result.Value;
        }

        errors.Add($"{key}: '{text}' is not a time of day like 09:00.");
        return null;
    }

    private static void Require(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: must not be empty.");
        }
    }

    /// <summary>Whether a text can be an office's or service's id: it appears in addresses and the API.</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static void RequireId(string? value, string key, List<string> errors)
    {
        if (!IsId(value))
        {
            errors.Add($"{key}: '{value}' is not an id: use 1 to 64 lower-case letters, digits and dashes.");
        }
    }
}

/// <summary>Runs <see cref="CityFactory"/> at start-up so a wrong file stops the app with its errors.</summary>
public sealed class CityOptionsValidator : IValidateOptions<CityOptions>
{
    public ValidateOptionsResult Validate(string? name, CityOptions options)
    {
        var (_, errors) = CityFactory.Build(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
