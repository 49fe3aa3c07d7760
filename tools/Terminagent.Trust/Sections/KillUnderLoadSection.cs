using System.Globalization;
using Terminagent.Trust.Faults;

namespace Terminagent.Trust.Sections;

/// <summary>Faults: the app killed with SIGKILL under load, restarted, then the full consistency check.</summary>
public sealed class KillUnderLoadSection(int kills) : ITrustSection
{
    public string Name => "SIGKILL under load";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await KillUnderLoad.RunAsync(
            new KillUnderLoadOptions(context.PostgresServer, context.WorkFolder) { Kills = kills, AppFolder = context.AppFolder }, progress, ct);
        var c = result.Consistency;
        return new SectionResult(
            Name,
            [
                new Figure("kills (SIGKILL) and restarts", N(result.Kills)),
                new Figure("requests served / unanswered while down / 5xx", $"{N(result.RequestsServed)} / {N(result.RequestsUnanswered)} / {N(result.ServerErrors)}"),
                new Figure("holds confirmed / cancelled / wishes confirmed", $"{N(result.HoldsConfirmed)} / {N(result.Cancellations)} / {N(result.WishesConfirmed)}"),
                new Figure("offers made / answered", $"{N(result.OffersMade)} / {N(result.OffersAnswered)}"),
                new Figure("slots checked (places taken)", $"{N(c.SlotsChecked)} ({N(c.PlacesTaken)})"),
                new Figure("open offers with a deadline", $"{N(c.OpenOffersWithDeadline)} of {N(c.OpenOffers)}"),
                new Figure("emails expected / delivered / duplicated", $"{N(c.EmailsExpected)} / {N(c.EmailsDelivered)} / {N(c.EmailsDuplicated)}"),
                new Figure("duplicates (same Message-Id)", c.DuplicatedMessageIds.Count == 0 ? "none" : string.Join(", ", c.DuplicatedMessageIds)),
                new Figure("invariant violations", N(c.Violations.Count)),
                .. result.Notes.Select(n => new Figure("note", n)),
            ],
            c.EmailsLost,
            c.EmailsDuplicated,
            c.Violations);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
