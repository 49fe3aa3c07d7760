using NodaTime;

namespace Terminagent.Domain.Cities;

public sealed record PublicHoliday(LocalDate Date, string NameDe, string NameEn);

/// <summary>
/// The statutory public holidays of North Rhine-Westphalia (Feiertagsgesetz NRW, § 2), computed for
/// any year from 1990 (the Day of German Unity) on.
/// </summary>
public static class PublicHolidays
{
    public const int FirstYear = 1990;
    public const int LastYear = 2999;

    public static IReadOnlyList<PublicHoliday> NorthRhineWestphalia(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        var easter = EasterSunday(year);
        var holidays = new List<PublicHoliday>
        {
            new(new LocalDate(year, 1, 1), "Neujahr", "New Year's Day"),
            new(easter.PlusDays(-2), "Karfreitag", "Good Friday"),
            new(easter.PlusDays(1), "Ostermontag", "Easter Monday"),
            new(new LocalDate(year, 5, 1), "Tag der Arbeit", "Labour Day"),
            new(easter.PlusDays(39), "Christi Himmelfahrt", "Ascension Day"),
            new(easter.PlusDays(50), "Pfingstmontag", "Whit Monday"),
            new(easter.PlusDays(60), "Fronleichnam", "Corpus Christi"),
            new(new LocalDate(year, 10, 3), "Tag der Deutschen Einheit", "Day of German Unity"),
            new(new LocalDate(year, 11, 1), "Allerheiligen", "All Saints' Day"),
            new(new LocalDate(year, 12, 25), "1. Weihnachtstag", "Christmas Day"),
            new(new LocalDate(year, 12, 26), "2. Weihnachtstag", "Boxing Day"),
        };

        // The 500th anniversary of the Reformation was a holiday in every state, once.
        if (year == 2017)
        {
            holidays.Add(new(new LocalDate(2017, 10, 31), "Reformationstag (500 Jahre Reformation)", "Reformation Day (500th anniversary)"));
        }

        return holidays.OrderBy(h => h.Date).ToList();
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }
}
