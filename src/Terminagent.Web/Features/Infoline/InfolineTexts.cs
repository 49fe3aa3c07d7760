using System.Resources;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Infoline;
using Terminagent.Engine.Texts;
using Terminagent.Web.Features.Agent;

namespace Terminagent.Web.Features.Infoline;

/// <summary>
/// What the infoline agent reads: <c>InfolineTexts.resx</c> beside this file (German, English).
/// Views and page models read it through <c>IStringLocalizer&lt;InfolineTexts&gt;</c>; the helpers
/// below take the language explicitly, as the infoline's other texts do.
/// </summary>
public sealed class InfolineTexts
{
    private static readonly ResourceManager Resources = new(typeof(InfolineTexts));

    /// <summary>One message for a wrong code and a wrong name: the page must not tell which one was wrong.</summary>
    public static string NotFound(string lang) => Text("NotFound", lang);

    public static string Refusal(ChangeRefusal refusal, string lang) => Text($"Refusal.{refusal}", lang);

    public static string OfferState(OfferStatus status, string lang) => Text($"OfferState.{status}", lang);

    /// <summary>Why an answer was not recorded: the offer changed since the list was shown.</summary>
    public static string NotRecorded(AnswerResult result, string lang) =>
        result.Offer is null ? Text("NotRecorded.NoOffer", lang)
        : result.Failure == AgentFailure.OfferExpired ? Text("NotRecorded.Expired", lang)
        : Text("NotRecorded.DealtWith", lang, OfferState(result.Offer.Status, lang));

    /// <summary>The refusal of a wish for a caller, worded for the agent where the citizen's text speaks of email links.</summary>
    public static string WishFailure(AgentFailure failure, string lang) => failure switch
    {
        AgentFailure.WishHasOpenOffer => Text("WishFailure.WishHasOpenOffer", lang),
        _ => AgentTexts.Failure(failure, lang),
    };

    /// <summary>"noch 3 Std. 20 Min." – how long the caller has left to answer.</summary>
    public static string TimeLeft(Duration left, string lang)
    {
        var minutes = (long)Math.Max(0, Math.Floor(left.TotalMinutes));
        var (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        return (days, hours) switch
        {
            ( > 0, _) => Text("TimeLeft.Days", lang, days, hours),
            (_, > 0) => Text("TimeLeft.Hours", lang, hours, mins),
            _ => Text("TimeLeft.Minutes", lang, mins),
        };
    }

    /// <summary>
    /// A booking code letter by letter, as read out: "K wie Köln", "Ziffer 7", … The spelling alphabet
    /// is the language's own (German: DIN 5009; English: NATO), 26 words for A to Z in the resources.
    /// </summary>
    public static IReadOnlyList<string> Spell(string code, string lang)
    {
        var alphabet = Text("Spell.Alphabet", lang).Split(',');
        return code.Where(c => c != '-').Select(c => char.IsAsciiDigit(c)
            ? Text("Spell.Digit", lang, c)
            : Text("Spell.Letter", lang, c, c is >= 'A' and <= 'Z' ? alphabet[c - 'A'] : c.ToString())).ToList();
    }

    private static string Text(string key, string lang, params object[] args)
    {
        var culture = Languages.CultureOf(lang);
        var text = Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(InfolineTexts)}.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
