using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Infoline;
using Terminagent.Web.Features.Agent;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>What the infoline agent reads: refusals in plain words, and booking codes spelled for the phone.</summary>
public static class InfolineTexts
{
    /// <summary>One message for a wrong code and a wrong name: the page must not tell which one was wrong.</summary>
    public static string NotFound(string lang) =>
        Language.Pick(lang, "Kein Termin zu Code und Name gefunden", "No appointment found for this code and name");

    public static string Refusal(ChangeRefusal refusal, string lang) => refusal switch
    {
        ChangeRefusal.Cancelled => Language.Pick(lang, "Dieser Termin ist bereits abgesagt. Er kann nicht mehr verlegt oder abgesagt werden.", "This appointment has already been cancelled. It can no longer be moved or cancelled."),
        ChangeRefusal.NotConfirmed => Language.Pick(lang, "Dieser Termin ist noch nicht bestätigt: Die Person muss ihn über den Link in ihrer E-Mail bestätigen. Bis dahin kann er hier nicht geändert werden.", "This appointment is not confirmed yet: the caller must confirm it through the link in their email. Until then, it cannot be changed here."),
        ChangeRefusal.Expired => Language.Pick(lang, "Dieser Termin wurde nie bestätigt und ist nicht gebucht.", "This appointment was never confirmed and is not booked."),
        ChangeRefusal.NoShow => Language.Pick(lang, "Zu diesem Termin ist niemand erschienen. Er kann nicht mehr verlegt oder abgesagt werden.", "Nobody came to this appointment. It can no longer be moved or cancelled."),
        _ => Language.Pick(lang, "Dieser Termin hat bereits begonnen oder ist vorbei. Er kann nicht mehr verlegt oder abgesagt werden.", "This appointment has begun or passed. It can no longer be moved or cancelled."),
    };

    public static string OfferState(OfferStatus status, string lang) => status switch
    {
        OfferStatus.Open => Language.Pick(lang, "offen", "open"),
        OfferStatus.Accepted => Language.Pick(lang, "angenommen", "accepted"),
        OfferStatus.Declined => Language.Pick(lang, "abgelehnt", "declined"),
        _ => Language.Pick(lang, "verfallen", "lapsed"),
    };

    /// <summary>Why an answer was not recorded: the offer changed since the list was shown.</summary>
    public static string NotRecorded(AnswerResult result, string lang)
    {
        if (result.Offer is null)
        {
            return Language.Pick(lang, "Dieses Angebot gibt es nicht. Nichts wurde geändert.", "There is no such offer. Nothing was changed.");
        }

        if (result.Failure == AgentFailure.OfferExpired)
        {
            return Language.Pick(lang, "Die Frist für dieses Angebot ist abgelaufen; es verfällt. Nichts wurde geändert.", "The time to answer this offer has run out; it lapses. Nothing was changed.");
        }

        var state = OfferState(result.Offer.Status, lang);
        return Language.Pick(lang,
            $"Dieses Angebot ist inzwischen schon erledigt (Stand: {state}). Nichts wurde geändert.",
            $"This offer has been dealt with meanwhile (now: {state}). Nothing was changed.");
    }

    /// <summary>The refusal of a wish for a caller, worded for the agent where the citizen's text speaks of email links.</summary>
    public static string WishFailure(AgentFailure failure, string lang) => failure switch
    {
        AgentFailure.WishHasOpenOffer => Language.Pick(lang,
            "Für den bestehenden Terminwunsch dieser Person liegt gerade ein Angebot per E-Mail vor. Erst wenn es angenommen oder abgelehnt ist, kann der Wunsch geändert werden.",
            "The existing wish of this person has an open offer by email. Only once it is accepted or declined can the wish be changed."),
        _ => AgentTexts.Failure(failure, lang),
    };

    /// <summary>"noch 3 Std. 20 Min." – how long the caller has left to answer.</summary>
    public static string TimeLeft(Duration left, string lang)
    {
        var minutes = (long)Math.Max(0, Math.Floor(left.TotalMinutes));
        var (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        return (days, hours) switch
        {
            ( > 0, _) => Language.Pick(lang, $"noch {days} T. {hours} Std.", $"{days} d {hours} h left"),
            (_, > 0) => Language.Pick(lang, $"noch {hours} Std. {mins} Min.", $"{hours} h {mins} min left"),
            _ => Language.Pick(lang, $"noch {mins} Min.", $"{mins} min left"),
        };
    }

    /// <summary>A booking code letter by letter, as read out: "K wie Köln", "Ziffer 7", … (German: DIN 5009; English: NATO).</summary>
    public static IReadOnlyList<string> Spell(string code, string lang) =>
        code.Where(c => c != '-').Select(c => char.IsAsciiDigit(c)
            ? Language.Pick(lang, $"Ziffer {c}", $"digit {c}")
            : Language.Pick(lang, $"{c} wie {GermanWord(c)}", $"{c} as in {EnglishWord(c)}")).ToList();

    private static string GermanWord(char letter) => letter switch
    {
        'A' => "Aachen",
        'B' => "Berlin",
        'C' => "Chemnitz",
        'D' => "Düsseldorf",
        'E' => "Essen",
        'F' => "Frankfurt",
        'G' => "Goslar",
        'H' => "Hamburg",
        'I' => "Ingelheim",
        'J' => "Jena",
        'K' => "Köln",
        'L' => "Leipzig",
        'M' => "München",
        'N' => "Nürnberg",
        'O' => "Offenbach",
        'P' => "Potsdam",
        'Q' => "Quickborn",
        'R' => "Rostock",
        'S' => "Salzwedel",
        'T' => "Tübingen",
        'U' => "Unna",
        'V' => "Völklingen",
        'W' => "Wuppertal",
        'X' => "Xanten",
        'Y' => "Ypsilon",
        'Z' => "Zwickau",
        _ => letter.ToString(),
    };

    private static string EnglishWord(char letter) => letter switch
    {
        'A' => "Alfa",
        'B' => "Bravo",
        'C' => "Charlie",
        'D' => "Delta",
        'E' => "Echo",
        'F' => "Foxtrot",
        'G' => "Golf",
        'H' => "Hotel",
        'I' => "India",
        'J' => "Juliett",
        'K' => "Kilo",
        'L' => "Lima",
        'M' => "Mike",
        'N' => "November",
        'O' => "Oscar",
        'P' => "Papa",
        'Q' => "Quebec",
        'R' => "Romeo",
        'S' => "Sierra",
        'T' => "Tango",
        'U' => "Uniform",
        'V' => "Victor",
        'W' => "Whiskey",
        'X' => "X-ray",
        'Y' => "Yankee",
        'Z' => "Zulu",
        _ => letter.ToString(),
    };
}
