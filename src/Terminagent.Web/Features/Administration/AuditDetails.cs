using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Texts;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Administration;

/// <summary>One line of an audit entry's details as staff read it: a label in their language, the value with names for ids, and the stored value beside it where it differs.</summary>
public sealed record AuditDetail(string Label, string Value, string? Stored);

/// <summary>
/// Reads the details the engine writes ("Code: K7M4-P2QX", "Service: personalausweis",
/// "Offices[bilk].ClosedDays[2027-12-24]: – → ✓") into labels and names for the audit page.
/// The stored text stays as it is: the log is a record, this is only how it is shown.
/// </summary>
public sealed class AuditDetails(City city, IReadOnlyDictionary<string, string> accountNames, string lang, IStringLocalizer<AdministrationTexts> t, IStringLocalizer<StaffTexts> staffTexts)
{
    private const string Arrow = " → ";

    public IReadOnlyList<AuditDetail> Read(string details) =>
        details.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Line).ToList();

    private AuditDetail Line(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return line == "Account disabled"
                ? new(t["AuditDetails.SignIn"], t["AuditDetails.AccountDisabled"], null)
                : new(t["AuditDetails.Details"], line, null);
        }

        var key = line[..colon];
        var stored = line[(colon + 2)..];
        var (label, value) = key switch
        {
            "Code" => (t["AuditDetails.BookingCode"], stored),
            "Service" => (t["AuditDetails.Service"], ServiceName(stored)),
            "Start" => (t["AuditDetails.Start"], Sides(stored, Moment)),
            "Account" => (t["AuditDetails.Account"], accountNames.TryGetValue(stored, out var name) ? name : stored),
            "Role" => (t["AuditDetails.Role"], Sides(stored, Role)),
            "Offices" => (t["Common.Offices"], Sides(stored, OfficeList)),
            "Disabled" => (t["AuditDetails.Disabled"], Sides(stored, YesNo)),
            "Counter" => (t["AuditDetails.Counter"], stored),
            "Visit" => (t["AuditDetails.Visit"], stored),
            "Device" => (t["AuditDetails.Device"], stored),
            "Offer" => (t["AuditDetails.Offer"], stored),
            "Wish" => (t["AuditDetails.Wish"], stored switch
            {
                "kept" => t["AuditDetails.Kept"],
                "withdrawn" => t["AuditDetails.Withdrawn"],
                _ => stored,
            }),
            "Table" => (t["AuditDetails.Table"], stored),
            "Period" => (t["AuditDetails.Period"], stored),
            _ when key.Contains('.', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal) || SettingName(key) is not null
                => (Setting(key), Sides(stored, SettingValue)),
            _ => (key, stored),
        };
        // Words that only translate (a role, yes or no) need no stored value beside them; ids and instants keep theirs.
        var translated = key is "Role" or "Disabled" or "Wish";
        return new(label, value, value == stored || translated ? null : stored);
    }

    private static string Sides(string text, Func<string, string> each) =>
        string.Join(Arrow, text.Split(Arrow).Select(each));

    private string ServiceName(string id) => city.FindService(id)?.NameIn(lang) ?? id;

    private string OfficeName(string id) => city.FindOffice(id)?.Name ?? id;

    private string OfficeList(string ids) => ids == "–" ? ids : string.Join(", ", ids.Split(", ").Select(OfficeName));

    private string Role(string text) => Enum.TryParse<StaffRole>(text, out var role) ? staffTexts.RoleName(role) : text;

    private string YesNo(string text) => text switch
    {
        "yes" or "true" => t["AuditDetails.Yes"],
        "no" or "false" => t["AuditDetails.No"],
        _ => text,
    };

    /// <summary>An instant, or an office and an instant (a move): in the office's time, or the city's first office's.</summary>
    private string Moment(string text)
    {
        var parts = text.Split(' ', 2);
        var office = parts.Length == 2 ? city.FindOffice(parts[0]) : null;
        var instantText = office is null ? text : parts[1];
        if (InstantPattern.General.Parse(instantText) is not { Success: true } instant)
        {
            return text;
        }

        var when = TimeFormat.DateAndTime(instant.Value, office ?? city.Offices[0], lang);
        return office is null ? when : $"{office.Name}, {when}";
    }

    private string SettingValue(string text) => text switch
    {
        "✓" => t["AuditDetails.Set"],
        "–" or "[]" => "–",
        _ => YesNo(text),
    };

    /// <summary>"Offices[bilk].OpeningHours.Monday[0].To" as "Bürgerbüro Bilk · Öffnungszeiten · Montag, Zeitraum 1 · bis".</summary>
    private string Setting(string path) =>
        string.Join(" · ", path.Split('.').Select(Segment));

    private string Segment(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        var name = open < 0 ? segment : segment[..open];
        var index = open < 0 ? null : segment[(open + 1)..].TrimEnd(']');
        return (name, index) switch
        {
            ("Offices", { } id) when city.FindOffice(id) is { } office => office.Name,
            ("Services", { } id) when city.FindService(id) is { } service => service.NameIn(lang),
            (_, { } day) when LocalDatePattern.Iso.Parse(day) is { Success: true } date => $"{SettingName(name) ?? name} {TimeFormat.Day(date.Value, lang)}",
            (_, { } number) when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                => $"{SettingName(name) ?? name}, {t["AuditDetails.PeriodNumber"]} {i + 1}",
            (_, { } id) => $"{SettingName(name) ?? name} {(city.FindOffice(id)?.Name ?? city.FindService(id)?.NameIn(lang) ?? id)}",
            _ => SettingName(name) ?? name,
        };
    }

    private string? SettingName(string name) => name switch
    {
        "Name" => t["Common.Name"],
        "NameDe" => t["AuditDetails.NameGerman"],
        "NameEn" => t["AuditDetails.NameEnglish"],
        "Address" => t["AuditDetails.Address"],
        "TimeZone" => t["Common.TimeZone"],
        "HasKiosk" => t["AuditDetails.Kiosk"],
        "OpeningHours" => t["AuditDetails.OpeningHours"],
        "ClosedDays" => t["AuditDetails.ClosedDay"],
        "From" => t["Common.From"],
        "To" => t["AuditDetails.To"],
        "Counters" => t["Common.Counters"],
        "Offices" => t["Common.Offices"],
        "Services" => t["AuditDetails.Services"],
        "DurationMinutes" => t["AuditDetails.DurationInMinutes"],
        "Release" => t["AuditDetails.Release"],
        "AdvanceReleaseTime" => t["AuditDetails.AdvanceReleaseTime"],
        "AdvanceLeadDays" => t["AuditDetails.DaysAhead"],
        "SameDayReleaseTime" => t["AuditDetails.SameDayReleaseTime"],
        "SameDaySharePercent" => t["AuditDetails.SameDayShare"],
        "Agent" => t["Common.Agent"],
        "ReleaseSharePercent" => t["AuditDetails.ShareForWishes"],
        "AnswerHours" => t["AuditDetails.HoursToAnswer"],
        "CutoffHoursBeforeStart" => t["AuditDetails.HoursBeforeTheStart"],
        "MinimumAnswerMinutes" => t["AuditDetails.LeastTimeToAnswer"],
        "DeadlineRule" => t["AuditDetails.DeadlineRule"],
        "SlotMinutes" => t["AuditDetails.SlotLengthMinutes"],
        "HoldMinutes" => t["AuditDetails.HoldTimeMinutes"],
        "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday"
            => TimeFormat.DayName(Enum.Parse<IsoDayOfWeek>(name), lang),
        _ => null,
    };
}
