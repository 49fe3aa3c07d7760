using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Terminagent.Domain.Agent;

namespace Terminagent.Simulation;

/// <summary>
/// The report as files a notebook or a chart can read: <c>.json</c> with every figure and the
/// settings of each run, <c>.csv</c> with one row per run. Durations are hours, shares fractions.
/// </summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes <c>{prefix}.json</c> and <c>{prefix}.csv</c>; returns their paths.</summary>
    public static (string Json, string Csv) Write(IReadOnlyList<SimulationReport> reports, string prefix)
    {
        var rows = reports.Select(Row.Of).ToList();
        var jsonPath = prefix + ".json";
        var csvPath = prefix + ".csv";
        var folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(jsonPath, JsonSerializer.Serialize(rows, Json), new UTF8Encoding(false));
        File.WriteAllText(csvPath, Csv(rows), new UTF8Encoding(false));
        return (jsonPath, csvPath);
    }

    public static string Csv(IReadOnlyList<Row> rows)
    {
        var columns = typeof(Row).GetProperties().Where(p => p.PropertyType != typeof(IReadOnlyDictionary<string, long>)).ToList();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', columns.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.Name))));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', columns.Select(c => Cell(c.GetValue(row)))));
        }

        return csv.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s when s.IndexOfAny([',', '"', '\n']) >= 0 => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One run's figures, flat.</summary>
    public sealed record Row
    {
        public required string Policy { get; init; }
        public required string Database { get; init; }
        public required int Days { get; init; }
        public required string Start { get; init; }
        public required int Offices { get; init; }
        public required int ContactsPerYear { get; init; }
        public required int WishesPerDay { get; init; }
        public required double DeclineRate { get; init; }
        public required double IgnoreRate { get; init; }
        public required double CancelRate { get; init; }
        public required double NoShowRate { get; init; }
        public required double MedianAnswerHours { get; init; }

        /// <summary>The generated city's release share in percent; null: the demo city's (or the given city file's).</summary>
        public required int? ReleaseSharePercent { get; init; }
        public required int Seed { get; init; }
        public required long DirectBookings { get; init; }
        public required long AgentBookings { get; init; }
        public required long Cancelled { get; init; }
        public required long NoShows { get; init; }
        public required long CheckedIn { get; init; }
        public required long WishesRegistered { get; init; }
        public required long WishesMatched { get; init; }
        public required double ShareOfWishesMatched { get; init; }
        public required long OffersMade { get; init; }
        public required long OffersAccepted { get; init; }
        public required long OffersDeclined { get; init; }
        public required long OffersLapsed { get; init; }
        public required double DeclinedOrLapsedShare { get; init; }
        public required long AnswersTooLate { get; init; }
        public required long LapsesForgiven { get; init; }
        public required long FifoViolations { get; init; }
        public required long LapsedThoughAccepting { get; init; }
        public required long PlacesIdleAfterOffer { get; init; }
        public required double PlaceHoursHeldByUnansweredOffers { get; init; }
        public required double? AnswerTimeMedianHours { get; init; }
        public required double? WishToFirstOfferMedianHours { get; init; }
        public required double? WishToFirstOfferP90Hours { get; init; }
        /// <summary>Share of ended wishes whose first offer came inside the range shown at registration, and how many were counted (all, from history, rough guesses).</summary>
        public required double? WaitCalibrationShare { get; init; }
        public required long WaitCalibrationCounted { get; init; }
        public required double? WaitCalibrationHistoryShare { get; init; }
        public required long WaitCalibrationHistoryCounted { get; init; }
        public required double? WaitCalibrationRoughGuessShare { get; init; }
        public required long WaitCalibrationRoughGuessCounted { get; init; }
        public required long PastPlaces { get; init; }
        public required long PastPlacesIdle { get; init; }
        public required long EmailsDelivered { get; init; }
        public required bool AddsUp { get; init; }
        public required double WallSeconds { get; init; }
        public required double? CpuSeconds { get; init; }
        public required IReadOnlyDictionary<string, long> WishesByStatus { get; init; }
        public required IReadOnlyDictionary<string, long> OffersByStatus { get; init; }

        public static Row Of(SimulationReport r) => new()
        {
            Policy = PolicyName(r.Options.Rule),
            Database = r.Options.Provider.ToString(),
            Days = r.Options.Days,
            Start = r.Options.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Offices = r.Options.Offices,
            ContactsPerYear = r.Options.ContactsPerYear,
            WishesPerDay = r.Options.WishesPerDay,
            DeclineRate = r.Options.DeclineRate,
            IgnoreRate = r.Options.IgnoreRate,
            CancelRate = r.Options.CancelRate,
            NoShowRate = r.Options.NoShowRate,
            MedianAnswerHours = r.Options.MedianAnswerDelay.TotalHours,
            ReleaseSharePercent = r.Options.ReleaseShareSet,
            Seed = r.Options.Seed,
            DirectBookings = r.DirectBookings,
            AgentBookings = r.AgentBookings,
            Cancelled = r.Cancelled,
            NoShows = r.NoShows,
            CheckedIn = r.CheckedIn,
            WishesRegistered = r.WishesRegistered,
            WishesMatched = r.Matched,
            ShareOfWishesMatched = r.WishesRegistered == 0 ? 0 : Math.Round((double)r.Matched / r.WishesRegistered, 4),
            OffersMade = r.OffersMade,
            OffersAccepted = r.OffersAccepted,
            OffersDeclined = r.OffersDeclined,
            OffersLapsed = r.OffersLapsed,
            DeclinedOrLapsedShare = Math.Round(r.DeclineOrLapseRate, 4),
            AnswersTooLate = r.Counts.AnswersTooLate,
            LapsesForgiven = r.LapsesForgiven,
            FifoViolations = r.Counts.FifoViolations,
            LapsedThoughAccepting = r.LapsedThoughAccepting,
            PlacesIdleAfterOffer = r.PlacesIdleAfterOffer,
            PlaceHoursHeldByUnansweredOffers = Math.Round(r.PlaceHoursHeldByUnansweredOffers, 1),
            AnswerTimeMedianHours = Hours(r.AnswerTimeMedian),
            WishToFirstOfferMedianHours = Hours(r.WishToOfferMedian),
            WishToFirstOfferP90Hours = Hours(r.WishToOfferP90),
            WaitCalibrationShare = Share(r.WaitCalibration),
            WaitCalibrationCounted = r.WaitCalibration.Counted,
            WaitCalibrationHistoryShare = Share(r.WaitCalibrationHistory),
            WaitCalibrationHistoryCounted = r.WaitCalibrationHistory.Counted,
            WaitCalibrationRoughGuessShare = Share(r.WaitCalibrationRoughGuess),
            WaitCalibrationRoughGuessCounted = r.WaitCalibrationRoughGuess.Counted,
            PastPlaces = r.PastPlaces,
            PastPlacesIdle = r.PastPlacesIdle,
            EmailsDelivered = r.Counts.EmailsDelivered,
            AddsUp = r.AddsUp,
            WallSeconds = Math.Round(r.WallTime.TotalSeconds, 1),
            CpuSeconds = r.CpuTime is { } cpu ? Math.Round(cpu.TotalSeconds, 1) : null,
            WishesByStatus = r.WishesByStatus.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
            OffersByStatus = r.OffersByStatus.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
        };

        private static double? Share(WaitCalibration c) => c.Share is { } share ? Math.Round(share, 4) : null;

        private static double? Hours(Duration? d) => d is { } value ? Math.Round(value.TotalHours, 2) : null;
    }

    /// <summary>The policy as <c>--policy</c> names it.</summary>
    public static string PolicyName(DeadlineRule rule) => rule switch
    {
        DeadlineRule.Fixed => "fixed",
        DeadlineRule.ShortensAsSlotNears => "shortening",
        DeadlineRule.ShortensAndKeepsWaiting => "keeping",
        _ => "forgiving",
    };
}
