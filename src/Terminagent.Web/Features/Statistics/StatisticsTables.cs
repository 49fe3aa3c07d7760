using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Engine.Statistics;
using Terminagent.Engine.Texts;

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
        var culture = Languages.CultureOf(lang);
        return (value, kind) switch
        {
            (null, _) => "–",
            (LocalDate day, CellKind.Day) => weekly
                ? StatisticsTexts.Text("Table.WeekOf", lang, LocalDatePattern.Create(StatisticsTexts.Text("Table.WeekPattern", lang), culture).Format(day))
                : LocalDatePattern.Create(StatisticsTexts.Text("Table.DayPattern", lang), culture).Format(day),
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
        string Text(string key) => StatisticsTexts.Text(key, lang);
        var day = new TableColumn(report.Period.Weekly ? Text("Table.Week") : Text("Table.Day"), CellKind.Day);
        var count = (string header) => new TableColumn(header, CellKind.Count);
        return name switch
        {
            Appointments => new(name, Text("Table.AppointmentsDayTheyWere"),
                [day, count(Text("Table.BookedOnline")), count(Text("Table.ThroughInfoline")), count(Text("Table.AppointmentsTotal")), count(Text("Table.TheseNoShows")), count(Text("Chart.Cancelled"))],
                report.Buckets.Select(b => Row(b.Start, b.BookedOnline, b.BookedByInfoline, b.Booked, b.NoShows, b.Cancelled)).ToList()),
            Utilisation => new(name, Text("Table.UtilisationSlots"),
                [day, count(Text("Table.Places")), count(Text("Table.Taken")), new(Text("Page.Utilisation"), CellKind.Share)],
                report.Buckets.Select(b => Row(b.Start, b.Capacity, b.Taken, b.Utilisation)).ToList()),
            Agent => new(name, Text("Page.WishesOffers"),
                [day, count(Text("Table.WishesRegistered")), count(Text("Chart.Offers")), count(Text("Chart.Accepted")), count(Text("Chart.Declined")), count(Text("Chart.Lapsed")), count(Text("Chart.Open"))],
                report.Buckets.Select(b => Row(b.Start, b.WishesRegistered, b.OffersMade, b.OffersAccepted, b.OffersDeclined, b.OffersLapsed, b.OffersOpen)).ToList()),
            Offices => new(name, Text("Table.OfficesCompared"),
                [new(Text("Page.Office"), CellKind.Text), count(Text("Page.Appointments")), count(Text("Chart.NoShows")), count(Text("Chart.Cancelled")), count(Text("Table.Places")), count(Text("Table.Taken")),
                 new(Text("Page.Utilisation"), CellKind.Share), count(Text("Chart.Offers")), count(Text("Chart.Accepted")), new(Text("Table.DeclinedOrLapsed"), CellKind.Share)],
                report.Offices.Select(o => Row(o.Name, o.Booked, o.NoShows, o.Cancelled, o.Capacity, o.Taken, o.Utilisation, o.OffersMade, o.OffersAccepted, o.DeclinedOrLapsedShare)).ToList()),
            Durations => new(name, Text("Table.DurationsGlanceMinutes"),
                [new(Text("Table.Duration"), CellKind.Text), count(Text("Table.Count")), new(Text("Table.MedianMinutes"), CellKind.Minutes), new(Text("Table.AtMostMinutes"), CellKind.Minutes)],
                [
                    Row(Text("Table.FromConfirmedWishIts"), report.WishToOffer.Count, report.WishToOffer.Median, report.WishToOffer.P90),
                    Row(Text("Table.FromOfferAnswer"), report.OfferToAnswer.Count, report.OfferToAnswer.Median, report.OfferToAnswer.P90),
                    Row(Text("Table.WalkWaitFromTicket"), report.WalkInWait.Count, report.WalkInWait.Median, report.WalkInWait.P90),
                ]),
            TimeToOffer => Histogram(name, Text("Table.TimeFromConfirmedWish"), Text("Chart.Wishes"), report.WishToOffer, TimeToOfferEdges, lang),
            TimeToAnswer => Histogram(name, Text("Table.TimeFromOfferAnswer"), Text("Chart.Offers"), report.OfferToAnswer, TimeToAnswerEdges, lang),
            WalkInWait => Histogram(name, Text("Table.WalkWaitFromTicket"), Text("Chart.Visits"), report.WalkInWait, WalkInWaitEdges, lang),
            _ => null,
        };
    }

    private static StatisticsTable Histogram(string name, string caption, string what, Distribution distribution, long[] edges, string lang)
    {
        var counts = distribution.Histogram(edges);
        return new(name, caption,
            [new(StatisticsTexts.Text("Table.Duration", lang), CellKind.Text), new(what, CellKind.Count), new(StatisticsTexts.Text("Table.Share", lang), CellKind.Share)],
            edges.Select((_, i) => Row(RangeLabel(edges, i, lang), counts[i], distribution.Count == 0 ? null : (double)counts[i] / distribution.Count)).ToList());
    }

    /// <summary>"1–6 Std.", "unter 15 Min.", "ab 2 Tagen": the range of histogram bar <paramref name="i"/>.</summary>
    public static string RangeLabel(long[] edges, int i, string lang)
    {
        if (i == edges.Length - 1)
        {
            return StatisticsTexts.Text("Range.From", lang, Minutes(edges[i], lang));
        }

        if (edges[i] == 0)
        {
            return StatisticsTexts.Text("Range.Under", lang, Minutes(edges[i + 1], lang));
        }

        // "1–6 Std." rather than "1 Std. – 6 Std." when both ends are in the same unit.
        var (from, to) = (Minutes(edges[i], lang), Minutes(edges[i + 1], lang));
        return Unit(edges[i]) == Unit(edges[i + 1])
            ? StatisticsTexts.Text("Range.SameUnit", lang, Split(from).Number, Split(to).Number, Split(to).Unit)
            : StatisticsTexts.Text("Range.Between", lang, from, to);

        static (string Number, string Unit) Split(string text) => (text[..text.IndexOf(' ', StringComparison.Ordinal)], text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>A duration in the largest whole unit: 90 min, 6 Std., 2 Tage, 2 Wochen.</summary>
    public static string Minutes(long minutes, string lang)
    {
        var c = CultureInfo.InvariantCulture;
        return Unit(minutes) switch
        {
            10080 when minutes == 10080 => StatisticsTexts.Text("Duration.Week", lang, 1),
            10080 => StatisticsTexts.Text("Duration.Weeks", lang, (minutes / 10080).ToString(c)),
            1440 when minutes == 1440 => StatisticsTexts.Text("Duration.Day", lang, 1),
            1440 => StatisticsTexts.Text("Duration.Days", lang, (minutes / 1440).ToString(c)),
            60 => StatisticsTexts.Text("Duration.Hours", lang, (minutes / 60).ToString(c)),
            _ => StatisticsTexts.Text("Duration.Minutes", lang, minutes.ToString(c)),
        };
    }

    /// <summary>A duration for a headline: "45 min", "3,5 Std.", "2,1 Tage".</summary>
    public static string Readable(long? minutes, string lang)
    {
        if (minutes is not { } m)
        {
            return "–";
        }

        var culture = Languages.CultureOf(lang);
        return m switch
        {
            < 120 => StatisticsTexts.Text("Duration.Minutes", lang, m.ToString(culture)),
            < 2880 => StatisticsTexts.Text("Duration.Hours", lang, (m / 60.0).ToString("0.#", culture)),
            _ => StatisticsTexts.Text("Duration.Days", lang, (m / 1440.0).ToString("0.#", culture)),
        };
    }

    /// <summary>The largest whole unit of a duration, in minutes: a week, a day, an hour or a minute.</summary>
    private static long Unit(long minutes) =>
        minutes >= 10080 && minutes % 10080 == 0 ? 10080
        : minutes >= 1440 && minutes % 1440 == 0 ? 1440
        : minutes >= 60 && minutes % 60 == 0 ? 60
        : 1;

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
