using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Texts;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Administration;

/// <summary>One line of an audit entry's details as staff read it: a label in their language, the value with names for ids, and the stored value beside it where it differs.</summary>
public sealed record AuditDetail(string Label, string Value, string? Stored);

/// <summary>
/// Reads the details the engine writes ("Code: K7M4-P2QX", "Service: personalausweis",
/// "Offices[bilk].ClosedDays[2027-12-24]: – → ✓") into labels and names for the audit page.
/// The stored text stays as it is: the log is a record, this is only how it is shown.
/// </summary>
public sealed class AuditDetails(City city, IReadOnlyDictionary<string, string> accountNames, string lang)
{
    private const string Arrow = " → ";

    public IReadOnlyList<AuditDetail> Read(string details) =>
        details.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Line).ToList();

    private string L(string de, string en) => Language.Pick(lang, de, en);

    private AuditDetail Line(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return line == "Account disabled"
                ? new(L("Anmeldung", "Sign-in"), L("Konto deaktiviert", "Account disabled"), null)
                : new(L("Angaben", "Details"), line, null);
        }

        var key = line[..colon];
        var stored = line[(colon + 2)..];
        var (label, value) = key switch
        {
            "Code" => (L("Buchungscode", "Booking code"), stored),
            "Service" => (L("Dienstleistung", "Service"), ServiceName(stored)),
            "Start" => (L("Beginn", "Start"), Sides(stored, Moment)),
            "Account" => (L("Konto", "Account"), accountNames.TryGetValue(stored, out var name) ? name : stored),
            "Role" => (L("Rolle", "Role"), Sides(stored, Role)),
            "Offices" => (L("Standorte", "Offices"), Sides(stored, OfficeList)),
            "Disabled" => (L("Deaktiviert", "Disabled"), Sides(stored, YesNo)),
            "Counter" => (L("Schalter", "Counter"), stored),
            "Visit" => (L("Besuch", "Visit"), stored),
            "Device" => (L("Gerät", "Device"), stored),
            "Offer" => (L("Angebot", "Offer"), stored),
            "Wish" => (L("Terminwunsch", "Wish"), stored switch
            {
                "kept" => L("bleibt bestehen", "kept"),
                "withdrawn" => L("zurückgezogen", "withdrawn"),
                _ => stored,
            }),
            "Table" => (L("Tabelle", "Table"), stored),
            "Period" => (L("Zeitraum", "Period"), stored),
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

    private string Role(string text) => Enum.TryParse<StaffRole>(text, out var role) ? StaffTexts.RoleName(role, lang) : text;

    private string YesNo(string text) => text switch
    {
        "yes" or "true" => L("ja", "yes"),
        "no" or "false" => L("nein", "no"),
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
        "✓" => L("eingetragen", "set"),
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
                => $"{SettingName(name) ?? name}, {L("Zeitraum", "period")} {i + 1}",
            (_, { } id) => $"{SettingName(name) ?? name} {(city.FindOffice(id)?.Name ?? city.FindService(id)?.NameIn(lang) ?? id)}",
            _ => SettingName(name) ?? name,
        };
    }

    private string? SettingName(string name) => name switch
    {
        "Name" => L("Name", "Name"),
        "NameDe" => L("Name (deutsch)", "Name (German)"),
        "NameEn" => L("Name (englisch)", "Name (English)"),
        "Address" => L("Adresse", "Address"),
        "TimeZone" => L("Zeitzone", "Time zone"),
        "HasKiosk" => L("Terminal vor Ort", "Kiosk"),
        "OpeningHours" => L("Öffnungszeiten", "Opening hours"),
        "ClosedDays" => L("Schließtag", "Closed day"),
        "From" => L("von", "from"),
        "To" => L("bis", "to"),
        "Counters" => L("Schalter", "Counters"),
        "Offices" => L("Standorte", "Offices"),
        "Services" => L("Dienstleistungen", "Services"),
        "DurationMinutes" => L("Dauer in Minuten", "Duration in minutes"),
        "Release" => L("Freigabe", "Release"),
        "AdvanceReleaseTime" => L("Uhrzeit der Vorausfreigabe", "Advance release time"),
        "AdvanceLeadDays" => L("Tage im Voraus", "Days ahead"),
        "SameDayReleaseTime" => L("Uhrzeit der Tagesfreigabe", "Same-day release time"),
        "SameDaySharePercent" => L("Anteil Tagestermine (%)", "Same-day share (%)"),
        "Agent" => L("Terminagent", "Agent"),
        "ReleaseSharePercent" => L("Anteil für Wünsche (%)", "Share for wishes (%)"),
        "AnswerHours" => L("Stunden zum Antworten", "Hours to answer"),
        "CutoffHoursBeforeStart" => L("Stunden vor Beginn, ab denen nichts mehr angeboten wird", "Hours before the start after which nothing is offered"),
        "MinimumAnswerMinutes" => L("Mindestzeit zum Antworten (Minuten)", "Least time to answer (minutes)"),
        "DeadlineRule" => L("Fristregel", "Deadline rule"),
        "SlotMinutes" => L("Länge eines Zeitfensters (Minuten)", "Slot length (minutes)"),
        "HoldMinutes" => L("Haltezeit (Minuten)", "Hold time (minutes)"),
        "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday"
            => AdministrationTexts.WeekdayName(Enum.Parse<IsoDayOfWeek>(name), lang),
        _ => null,
    };
}
