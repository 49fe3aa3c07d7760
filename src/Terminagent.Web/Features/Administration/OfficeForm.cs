using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Administration;

/// <summary>One row of the opening-hours grid: a weekday's period, empty when unused.</summary>
public sealed class PeriodForm
{
    public IsoDayOfWeek Day { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Counters { get; set; }
}

/// <summary>
/// An office's settings as the form shows and posts them, read into the city's settings with a
/// plain message per field that is wrong.
/// </summary>
public sealed class OfficeForm
{
    public const int PeriodsPerDay = 3;

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public string? Name { get; set; }
    public string? Address { get; set; }
    public bool HasKiosk { get; set; }
    public List<PeriodForm> Periods { get; set; } = [];
    public string? AdvanceReleaseTime { get; set; }
    public string? AdvanceLeadDays { get; set; }
    public string? SameDayReleaseTime { get; set; }
    public string? SameDaySharePercent { get; set; }
    public string? AgentSharePercent { get; set; }
    public string? AnswerHours { get; set; }
    public string? CutoffHours { get; set; }
    public string? MinimumAnswerMinutes { get; set; }

    public string? DeadlineRule { get; set; }

    public static OfficeForm From(OfficeOptions office, CityOptions city)
    {
        var release = office.Release ?? city.Release;
        var agent = office.Agent ?? city.Agent;
        var form = new OfficeForm
        {
            Name = office.Name,
            Address = office.Address,
            HasKiosk = office.HasKiosk,
            AdvanceReleaseTime = release.AdvanceReleaseTime,
            AdvanceLeadDays = Number(release.AdvanceLeadDays),
            SameDayReleaseTime = release.SameDayReleaseTime,
            SameDaySharePercent = Number(release.SameDaySharePercent),
            AgentSharePercent = Number(agent.ReleaseSharePercent),
            AnswerHours = Number(agent.AnswerHours),
            CutoffHours = Number(agent.CutoffHoursBeforeStart),
            MinimumAnswerMinutes = Number(agent.MinimumAnswerMinutes),
            DeadlineRule = agent.DeadlineRule,
        };
        foreach (var day in AdministrationTexts.Weekdays)
        {
            var periods = office.OpeningHours.FirstOrDefault(h => string.Equals(h.Key, day.ToString(), StringComparison.OrdinalIgnoreCase)).Value ?? [];
            for (var i = 0; i < PeriodsPerDay; i++)
            {
                var p = i < periods.Count ? periods[i] : null;
                form.Periods.Add(new PeriodForm { Day = day, From = p?.From, To = p?.To, Counters = p is null ? null : Number(p.Counters) });
            }
        }

        return form;
    }

    /// <summary>Writes the form into <paramref name="office"/>; false with <paramref name="errors"/> keyed by field id.</summary>
    public bool ApplyTo(OfficeOptions office, CityOptions city, int slotMinutes, Dictionary<string, string> errors, IStringLocalizer<AdministrationTexts> texts)
    {
        Require(Name, "name", texts["OfficeForm.PleaseEnterTheOffice"], errors);
        Require(Address, "address", texts["Common.PleaseEnterTheAddress"], errors);
        var hours = new Dictionary<string, List<OpeningPeriodOptions>>();
        for (var i = 0; i < Periods.Count && i < AdministrationTexts.Weekdays.Length * PeriodsPerDay; i++)
        {
            var p = Periods[i];
            var day = TimeFormat.DayName(p.Day, Languages.Normalise(CultureInfo.CurrentUICulture.Name));
            if (string.IsNullOrWhiteSpace(p.From) && string.IsNullOrWhiteSpace(p.To))
            {
                continue;
            }

            var from = Time(p.From, $"p-{i}-from", texts["OfficeForm.FromIsNotATime", day], errors);
            var to = Time(p.To, $"p-{i}-to", texts["OfficeForm.UntilIsNotATime", day], errors);
            var counters = Whole(p.Counters, 1, 100, $"p-{i}-counters", texts["OfficeForm.CountersRange", day], errors);
            if (from is not { } f || to is not { } t || counters is not { } c)
            {
                continue;
            }

            var list = hours.TryGetValue(p.Day.ToString(), out var known) ? known : hours[p.Day.ToString()] = [];
            if (t <= f)
            {
                errors[$"p-{i}-to"] = texts["OfficeForm.UntilMustBeAfter", day];
            }
            else if (Period.Between(f, t, PeriodUnits.Minutes).Minutes < slotMinutes)
            {
                errors[$"p-{i}-to"] = texts["OfficeForm.AnOpeningPeriodMust", day, slotMinutes];
            }
            else if (list.Any(o => f < TimePattern.Parse(o.To).Value && TimePattern.Parse(o.From).Value < t))
            {
                errors[$"p-{i}-from"] = texts["OfficeForm.ThePeriodsOverlap", day];
            }
            else
            {
                list.Add(new OpeningPeriodOptions { From = TimePattern.Format(f), To = TimePattern.Format(t), Counters = c });
            }
        }

        var advance = Time(AdvanceReleaseTime, "advance-time", texts["OfficeForm.TheReleaseTimeIs"], errors);
        var lead = Whole(AdvanceLeadDays, 1, 365, "lead-days", texts["OfficeForm.TheLeadTimeMust"], errors);
        var sameDay = Time(SameDayReleaseTime, "same-day-time", texts["OfficeForm.TheSameDayRelease"], errors);
        var sameDayShare = Whole(SameDaySharePercent, 0, 100, "same-day-share", texts["OfficeForm.TheSameDayShare"], errors);
        var agentShare = Whole(AgentSharePercent, 0, 100, "agent-share", texts["OfficeForm.AgentShareRange"], errors);
        var answer = Whole(AnswerHours, 1, 336, "answer-hours", texts["OfficeForm.TheTimeToAnswer"], errors);
        var cutoff = Whole(CutoffHours, 0, 168, "cutoff-hours", texts["OfficeForm.TheCutoffBeforeThe"], errors);
        var minimum = Whole(MinimumAnswerMinutes, 1, 20160, "minimum-minutes", texts["OfficeForm.ShortestTimeToAnswerRange"], errors);
        var rule = Enum.TryParse<Domain.Agent.DeadlineRule>(DeadlineRule, ignoreCase: false, out var r) && Enum.IsDefined(r) && !int.TryParse(DeadlineRule, out _) ? r : (Domain.Agent.DeadlineRule?)null;
        if (rule is null)
        {
            errors["deadline-rule"] = texts["OfficeForm.PleaseChooseHowThe"];
        }

        if (minimum is { } m && answer is { } a && m > a * 60)
        {
            errors["minimum-minutes"] = texts["OfficeForm.ShortestExceedsTimeToAnswer"];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        office.Name = Name!.Trim();
        office.Address = Address!.Trim();
        office.HasKiosk = HasKiosk;
        office.OpeningHours = hours.Where(h => h.Value.Count > 0)
            .ToDictionary(h => h.Key, h => h.Value.OrderBy(p => p.From, StringComparer.Ordinal).ToList());
        var release = new ReleaseOptions
        {
            AdvanceReleaseTime = TimePattern.Format(advance!.Value),
            AdvanceLeadDays = lead!.Value,
            SameDayReleaseTime = TimePattern.Format(sameDay!.Value),
            SameDaySharePercent = sameDayShare!.Value,
        };
        var agent = new AgentOptions
        {
            ReleaseSharePercent = agentShare!.Value,
            AnswerHours = answer!.Value,
            CutoffHoursBeforeStart = cutoff!.Value,
            MinimumAnswerMinutes = minimum!.Value,
            DeadlineRule = rule!.Value.ToString(),
        };

        // The city's defaults stay defaults: an office only carries what differs from them.
        office.Release = SameAs(release, city.Release) ? null : release;
        office.Agent = SameAs(agent, city.Agent) ? null : agent;
        return true;
    }

    private static bool SameAs<T>(T a, T b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Require(string? value, string key, string message, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            errors[key] = message;
        }
    }

    private static LocalTime? Time(string? text, string key, string message, Dictionary<string, string> errors)
    {
        var result = TimePattern.Parse(text?.Trim() ?? "");
        if (result.Success)
        {
            return result.Value;
        }

        errors[key] = message;
        return null;
    }

    private static int? Whole(string? text, int min, int max, string key, string message, Dictionary<string, string> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors[key] = message;
        return null;
    }
}
