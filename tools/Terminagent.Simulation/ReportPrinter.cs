using System.Globalization;
using NodaTime;
using Spectre.Console;
using Terminagent.Domain.Agent;

namespace Terminagent.Simulation;

/// <summary>The runs side by side, next to the model city's reported figures, and the sums that must add up.</summary>
public static class ReportPrinter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(IReadOnlyList<SimulationReport> reports)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 140;
        }

        var first = reports[0].Options;
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Simulated {first.Days} days from {first.Start:yyyy-MM-dd}: {first.Offices} offices, capacity for {first.ContactsPerYear:N0} contacts a year, " +
            $"{first.WishesPerDay:N0} citizens a day beyond it; decline {first.DeclineRate:P0}, ignore {first.IgnoreRate:P0}, cancel {first.CancelRate:P0}, " +
            $"no-show {first.NoShowRate:P0}, median answer {first.MedianAnswerDelay.TotalHours:0.#} h, " +
            $"{(first.ReleaseShareSet is { } share ? $"agent's release share {share}%, " : "")}seed {first.Seed}; database {first.Provider}."));

        var table = new Table().Title("Simulation report").AddColumn("").AddColumn(new TableColumn("Model city (10 months)").RightAligned());
        foreach (var r in reports)
        {
            table.AddColumn(new TableColumn(RuleName(r.Options.Rule)).RightAligned());
        }

        var scale = first.Days / 300.0;
        void Row(string label, string model, Func<SimulationReport, string> value) =>
            table.AddRow(new[] { Markup.Escape(label), Markup.Escape(model) }.Concat(reports.Select(r => Markup.Escape(value(r)))).ToArray());

        Row("Appointments booked directly", "", r => N(r.DirectBookings));
        Row("Appointments through the agent (matched)", scale == 1 ? "> 130,000" : $"> 130,000 (≈ {130_000 * scale:N0} pro rata)", r => N(r.AgentBookings));
        Row("  cancelled", "", r => N(r.Cancelled));
        Row("  no-shows", "", r => N(r.NoShows));
        Row("  checked in", "", r => N(r.CheckedIn));
        Row("Wishes registered", scale == 1 ? "≈ 300,000" : $"≈ 300,000 (≈ {300_000 * scale:N0} pro rata)", r => N(r.WishesRegistered));
        foreach (var status in Enum.GetValues<WishStatus>())
        {
            Row($"  {WishStatusName(status)}", "", r => N(r.WishesByStatus.GetValueOrDefault(status)));
        }

        Row("Share of wishes matched", "≈ 43%", r => P(r.WishesRegistered == 0 ? 0 : (double)r.Matched / r.WishesRegistered));
        Row("Offers made", "", r => N(r.OffersMade));
        Row("  accepted", "", r => N(r.OffersAccepted));
        Row("  declined", "", r => N(r.OffersDeclined));
        Row("  lapsed", "", r => N(r.OffersLapsed));
        Row("  still open", "", r => N(r.OffersByStatus.GetValueOrDefault(OfferStatus.Open)));
        Row("Declined or lapsed (of ended offers)", "≈ 30%", r => P(r.DeclineOrLapseRate));
        Row("  lapses that kept the wish waiting", "", r => N(r.LapsesForgiven));
        Row("Wishes ended by a lapse though the citizen accepted, too late", "", r => N(r.LapsedThoughAccepting));
        Row("Time given to answer, median", "", r => D(r.AnswerTimeMedian));
        Row("Wish to first offer, median", "", r => D(r.WishToOfferMedian));
        Row("Wish to first offer, p90", "", r => D(r.WishToOfferP90));
        Row("Wait estimate came true (ended wishes, first offer inside the range shown)", "", r => Calibrated(r.WaitCalibration));
        Row("  of estimates from recent offers", "", r => Calibrated(r.WaitCalibrationHistory));
        Row("  of rough guesses from capacity", "", r => Calibrated(r.WaitCalibrationRoughGuess));
        Row("Idle capacity (places of past slots never booked)", "", r => $"{N(r.PastPlacesIdle)} of {N(r.PastPlaces)} ({P(r.IdleShare)})");
        Row("  of them idle after an offer on them was declined or lapsed", "", r => N(r.PlacesIdleAfterOffer));
        Row("Place-hours held by offers then declined or lapsed", "", r => r.PlaceHoursHeldByUnansweredOffers.ToString("N0", Invariant));
        Row("Citizens' emails delivered", "", r => N(r.Counts.EmailsDelivered));
        Row("Wall time (processor time)", "", r => r.CpuTime is { } cpu ? $"{r.WallTime:hh\\:mm\\:ss} ({cpu:hh\\:mm\\:ss})" : $"{r.WallTime:hh\\:mm\\:ss} (runs side by side)");
        AnsiConsole.Write(table);

        var checks = new Table().Title("Accounting (every wish in one state, every place booked, held, offered or idle)").AddColumn("Sum");
        foreach (var r in reports)
        {
            checks.AddColumn(new TableColumn(RuleName(r.Options.Rule)).RightAligned());
        }

        for (var i = 0; i < reports[0].Checks.Count; i++)
        {
            var at = i;
            checks.AddRow(new[] { Markup.Escape(reports[0].Checks[at].What) }.Concat(reports.Select(r =>
            {
                var c = r.Checks[at];
                return c.Holds ? $"[green]ok[/] {N(c.Actual)}" : $"[red]NO[/] expected {N(c.Expected)}, got {N(c.Actual)}";
            })).ToArray());
        }

        AnsiConsole.Write(checks);
        foreach (var example in reports.SelectMany(r => r.Counts.FifoExamples))
        {
            AnsiConsole.MarkupLine($"[red]FIFO:[/] {Markup.Escape(example)}");
        }
        AnsiConsole.MarkupLine(reports.All(r => r.AddsUp) ? "[green]All sums add up.[/]" : "[red]Some sums do not add up.[/]");
    }

    public static string RuleName(DeadlineRule rule) => rule switch
    {
        DeadlineRule.Fixed => "Fixed 48 h",
        DeadlineRule.ShortensAsSlotNears => "Shortens as slot nears",
        DeadlineRule.ShortensAndKeepsWaiting => "Shortens, keeps waiting",
        _ => "Fixed 48 h, keeps waiting",
    };

    private static string WishStatusName(WishStatus status) => status switch
    {
        WishStatus.Unconfirmed => "not confirmed",
        WishStatus.Waiting => "still waiting",
        WishStatus.Offered => "with an open offer",
        WishStatus.Fulfilled => "matched (booked)",
        WishStatus.Withdrawn => "withdrawn",
        WishStatus.Lapsed => "ended: offer lapsed",
        WishStatus.Expired => "ended: date range passed",
        _ => status.ToString(),
    };

    private static string Calibrated(WaitCalibration c) => c.Share is { } share ? $"{P(share)} of {N(c.Counted)}" : "–";

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string P(double value) => value.ToString("P1", Invariant);

    private static string D(Duration? value) => value is not { } d ? "–"
        : d.TotalHours < 48 ? d.TotalHours.ToString("0.0 'h'", Invariant) : d.TotalDays.ToString("0.0 'days'", Invariant);
}
