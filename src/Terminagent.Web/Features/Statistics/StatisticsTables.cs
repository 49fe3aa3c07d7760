using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Engine.Statistics;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Statistics;

public enum CellKind
{
    Text,
    Day,
    Count,

    /// <summary>A share between 0 and 1; shown as a percentage.</summary>
    Share,

    /// <summary>Whole minutes.</summary>
    Minutes,
}

public sealed record TableColumn(string Header, CellKind Kind);

/// <summary>
/// One table of the statistics page: the text alternative of a chart, and one CSV export.
/// <see cref="Name"/> is its address: /staff/statistics/export/{name}.csv.
/// </summary>
public sealed record StatisticsTable(string Name, string Caption, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>A cell as a person reads it in the page's language; empty for a figure that does not exist (a share of nothing).</summary>
    public static string Display(object? value, CellKind kind, string lang, bool weekly)
    {
        var culture = Language.CultureOf(lang);
        return (value, kind) switch
        {
            (null, _) => "–",
            (LocalDate day, CellKind.Day) => weekly
                ? Language.Pick(lang, "Woche ab ", "Week of ") + LocalDatePattern.Create(Language.Pick(lang, "d. MMM yyyy", "d MMM yyyy"), culture).Format(day)
                : LocalDatePattern.Create(Language.Pick(lang, "ddd, d. MMM yyyy", "ddd, d MMM yyyy"), culture).Format(day),
            (double share, CellKind.Share) => share.ToString("P1", culture),
            (int n, CellKind.Count) => n.ToString("N0", culture),
            (long n, CellKind.Minutes) => n.ToString("N0", culture),
            _ => Convert.ToString(value, culture) ?? "",
        };
    }
}

/// <summary>Builds the page's tables and charts from one report, in the reader's language.</summary>
public static class StatisticsTables
{
    public const string Appointments = "appointments";
    public const string Utilisation = "utilisation";
    public const string Agent = "agent";
    public const string Offices = "offices";
    public const string Durations = "durations";
    public const string TimeToOffer = "time-to-offer";
    public const string TimeToAnswer = "time-to-answer";
    public const string WalkInWait = "walk-in-wait";

    public static readonly string[] Names = [Appointments, Utilisation, Agent, Offices, Durations, TimeToOffer, TimeToAnswer, WalkInWait];

    /// <summary>Histogram ranges in minutes: from a wish to its first offer (hours to weeks).</summary>
    public static readonly long[] TimeToOfferEdges = [0, 60, 360, 1440, 2880, 10080, 20160, 40320];

    /// <summary>From an offer to the answer: the deadline is at most 48 hours.</summary>
    public static readonly long[] TimeToAnswerEdges = [0, 15, 60, 360, 1440, 2880];

    /// <summary>A walk-in's wait at the office.</summary>
    public static readonly long[] WalkInWaitEdges = [0, 5, 10, 15, 20, 30, 45, 60, 90];

    public static IReadOnlyList<StatisticsTable> All(StatisticsReport report, string lang) =>
        Names.Select(n => Build(n, report, lang)!).ToList();

    public static StatisticsTable? Build(string name, StatisticsReport report, string lang)
    {
        string L(string de, string en) => Language.Pick(lang, de, en);
        var day = new TableColumn(report.Period.Weekly ? L("Woche", "Week") : L("Tag", "Day"), CellKind.Day);
        var count = (string header) => new TableColumn(header, CellKind.Count);
        return name switch
        {
            Appointments => new(name, L("Termine nach Tag des Termins", "Appointments by the day they were due"),
                [day, count(L("Online gebucht", "Booked online")), count(L("Über die Infoline", "Through the infoline")), count(L("Termine gesamt", "Appointments in total")), count(L("Davon nicht erschienen", "Of these no-shows")), count(L("Abgesagt", "Cancelled"))],
                report.Buckets.Select(b => Row(b.Start, b.BookedOnline, b.BookedByInfoline, b.Booked, b.NoShows, b.Cancelled)).ToList()),
            Utilisation => new(name, L("Auslastung der Zeitfenster", "Utilisation of the slots"),
                [day, count(L("Plätze", "Places")), count(L("Belegt", "Taken")), new(L("Auslastung", "Utilisation"), CellKind.Share)],
                report.Buckets.Select(b => Row(b.Start, b.Capacity, b.Taken, b.Utilisation)).ToList()),
            Agent => new(name, L("Terminwünsche und Angebote", "Wishes and offers"),
                [day, count(L("Wünsche registriert", "Wishes registered")), count(L("Angebote", "Offers")), count(L("Angenommen", "Accepted")), count(L("Abgelehnt", "Declined")), count(L("Verfallen", "Lapsed")), count(L("Offen", "Open"))],
                report.Buckets.Select(b => Row(b.Start, b.WishesRegistered, b.OffersMade, b.OffersAccepted, b.OffersDeclined, b.OffersLapsed, b.OffersOpen)).ToList()),
            Offices => new(name, L("Standorte im Vergleich", "Offices compared"),
                [new(L("Standort", "Office"), CellKind.Text), count(L("Termine", "Appointments")), count(L("Nicht erschienen", "No-shows")), count(L("Abgesagt", "Cancelled")), count(L("Plätze", "Places")), count(L("Belegt", "Taken")),
                 new(L("Auslastung", "Utilisation"), CellKind.Share), count(L("Angebote", "Offers")), count(L("Angenommen", "Accepted")), new(L("Abgelehnt oder verfallen", "Declined or lapsed"), CellKind.Share)],
                report.Offices.Select(o => Row(o.Name, o.Booked, o.NoShows, o.Cancelled, o.Capacity, o.Taken, o.Utilisation, o.OffersMade, o.OffersAccepted, o.DeclinedOrLapsedShare)).ToList()),
            Durations => new(name, L("Dauern im Überblick (Minuten)", "Durations at a glance (minutes)"),
                [new(L("Dauer", "Duration"), CellKind.Text), count(L("Anzahl", "Count")), new(L("Median (Minuten)", "Median (minutes)"), CellKind.Minutes), new(L("90 % höchstens (Minuten)", "90% at most (minutes)"), CellKind.Minutes)],
                [
                    Row(L("Vom bestätigten Wunsch bis zum ersten Angebot", "From a confirmed wish to its first offer"), report.WishToOffer.Count, report.WishToOffer.Median, report.WishToOffer.P90),
                    Row(L("Vom Angebot bis zur Antwort", "From an offer to the answer"), report.OfferToAnswer.Count, report.OfferToAnswer.Median, report.OfferToAnswer.P90),
                    Row(L("Wartezeit mit Wartenummer bis zum Aufruf", "Walk-in wait from ticket to call"), report.WalkInWait.Count, report.WalkInWait.Median, report.WalkInWait.P90),
                ]),
            TimeToOffer => Histogram(name, L("Zeit vom bestätigten Wunsch bis zum ersten Angebot", "Time from a confirmed wish to its first offer"), L("Wünsche", "Wishes"), report.WishToOffer, TimeToOfferEdges, lang),
            TimeToAnswer => Histogram(name, L("Zeit vom Angebot bis zur Antwort (angenommen oder abgelehnt)", "Time from an offer to the answer (accepted or declined)"), L("Angebote", "Offers"), report.OfferToAnswer, TimeToAnswerEdges, lang),
            WalkInWait => Histogram(name, L("Wartezeit mit Wartenummer bis zum Aufruf", "Walk-in wait from ticket to call"), L("Besuche", "Visits"), report.WalkInWait, WalkInWaitEdges, lang),
            _ => null,
        };
    }

    private static StatisticsTable Histogram(string name, string caption, string what, Distribution distribution, long[] edges, string lang)
    {
        var counts = distribution.Histogram(edges);
        return new(name, caption,
            [new(Language.Pick(lang, "Dauer", "Duration"), CellKind.Text), new(what, CellKind.Count), new(Language.Pick(lang, "Anteil", "Share"), CellKind.Share)],
            edges.Select((_, i) => Row(RangeLabel(edges, i, lang), counts[i], distribution.Count == 0 ? null : (double)counts[i] / distribution.Count)).ToList());
    }

    /// <summary>"1–6 Std.", "unter 15 Min.", "ab 2 Tagen": the range of histogram bar <paramref name="i"/>.</summary>
    public static string RangeLabel(long[] edges, int i, string lang)
    {
        if (i == edges.Length - 1)
        {
            return Language.Pick(lang, "ab ", "from ") + Minutes(edges[i], lang);
        }

        if (edges[i] == 0)
        {
            return Language.Pick(lang, "unter ", "under ") + Minutes(edges[i + 1], lang);
        }

        // "1–6 Std." rather than "1 Std. – 6 Std." when both ends are in the same unit.
        var (from, to) = (Minutes(edges[i], lang), Minutes(edges[i + 1], lang));
        var (fromNumber, fromUnit) = Split(from);
        var (toNumber, toUnit) = Split(to);
        return fromUnit == toUnit || (fromUnit == Language.Pick(lang, "Tag", "day") && toUnit == Language.Pick(lang, "Tage", "days"))
            || (fromUnit == Language.Pick(lang, "Woche", "week") && toUnit == Language.Pick(lang, "Wochen", "weeks"))
            ? $"{fromNumber}–{toNumber} {toUnit}"
            : $"{from} – {to}";

        static (string Number, string Unit) Split(string text) => (text[..text.IndexOf(' ', StringComparison.Ordinal)], text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>A duration in the largest whole unit: 90 min, 6 Std., 2 Tage, 2 Wochen.</summary>
    public static string Minutes(long minutes, string lang)
    {
        var c = CultureInfo.InvariantCulture;
        if (minutes >= 10080 && minutes % 10080 == 0)
        {
            var w = minutes / 10080;
            return w.ToString(c) + Language.Pick(lang, w == 1 ? " Woche" : " Wochen", w == 1 ? " week" : " weeks");
        }

        if (minutes >= 1440 && minutes % 1440 == 0)
        {
            var d = minutes / 1440;
            return d.ToString(c) + Language.Pick(lang, d == 1 ? " Tag" : " Tage", d == 1 ? " day" : " days");
        }

        if (minutes >= 60 && minutes % 60 == 0)
        {
            return (minutes / 60).ToString(c) + Language.Pick(lang, " Std.", " h");
        }

        return minutes.ToString(c) + " min";
    }

    /// <summary>A duration for a headline: "45 min", "3,5 Std.", "2,1 Tage".</summary>
    public static string Readable(long? minutes, string lang)
    {
        if (minutes is not { } m)
        {
            return "–";
        }

        var culture = Language.CultureOf(lang);
        return m switch
        {
            < 120 => m.ToString(culture) + " min",
            < 2880 => (m / 60.0).ToString("0.#", culture) + Language.Pick(lang, " Std.", " h"),
            _ => (m / 1440.0).ToString("0.#", culture) + Language.Pick(lang, " Tage", " days"),
        };
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
