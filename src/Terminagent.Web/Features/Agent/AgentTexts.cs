using System.Globalization;
using System.Resources;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Agent;

/// <summary>
/// The plain words a citizen reads about wishes and offers (<c>AgentTexts.resx</c> and its languages
/// beside this file), and the status codes that go with refusals. Pages read them in the request's
/// language through <c>IStringLocalizer&lt;AgentTexts&gt;</c>; the helpers here take the language
/// explicitly, for the infoline (which speaks the caller's language) and the API (English).
/// </summary>
public sealed class AgentTexts
{
    private static readonly ResourceManager Resources = new(typeof(AgentTexts));

    private AgentTexts()
    {
    }

    public static string Failure(AgentFailure failure, string lang) => Text(FailureKey(failure), lang);

    public static string Status(WishStatus status, string lang) =>
        Enum.IsDefined(status) ? Text($"Status.{status}", lang) : status.ToString();

    public static int StatusCodeFor(AgentFailure failure) => failure switch
    {
        AgentFailure.LinkInvalid or AgentFailure.UnknownService => 404,
        AgentFailure.LinkExpired or AgentFailure.WishNotActive or AgentFailure.OfferClosed or AgentFailure.OfferExpired => 410,
        AgentFailure.WishHasOpenOffer => 409,
        AgentFailure.TooManyPending or AgentFailure.TooManyBookings => 429,
        _ => 400,
    };

    public static string Weekdays(IEnumerable<IsoDayOfWeek> days, string lang) =>
        string.Join(", ", days.Select(day => TimeFormat.DayName(day, lang)));

    public static string Windows(IEnumerable<TimeWindow> windows, string lang) =>
        string.Join(", ", windows.Select(w => Text("Window", lang, WishForm.Format(w.From), WishForm.Format(w.To))));

    public static string Dates(LocalDate? earliest, LocalDate? latest, string lang) => (earliest, latest) switch
    {
        (null, null) => Text("Range.Any", lang),
        ({ } from, null) => Text("Range.From", lang, TimeFormat.Day(from, lang)),
        (null, { } to) => Text("Range.Until", lang, TimeFormat.Day(to, lang)),
        ({ } from, { } to) => Text("Range.Between", lang, TimeFormat.Day(from, lang), TimeFormat.Day(to, lang)),
    };

    public static string Ahead(int ahead, string lang) => ahead switch
    {
        0 => Text("Ahead.None", lang),
        1 => Text("Ahead.One", lang),
        _ => Text("Ahead.Many", lang, ahead),
    };

    /// <summary>"usually 3–9 days", said as a rough guess when it rests on opening hours only.</summary>
    public static string Wait(WaitEstimate? estimate, string lang)
    {
        if (estimate is null)
        {
            return Text("Wait.Unknown", lang);
        }

        var range = estimate switch
        {
            { LowDays: 0, HighDays: <= 1 } => Text("Wait.WithinADay", lang),
            { LowDays: 0 } => Text("Wait.UpTo", lang, estimate.HighDays),
            _ => Text("Wait.Range", lang, estimate.LowDays, estimate.HighDays),
        };
        return estimate.Basis == WaitBasis.RoughGuess ? Text("Wait.RoughGuess", lang, range) : range;
    }

    /// <summary>The API's title for a refusal, in English like the rest of the API.</summary>
    public static string ApiTitle(AgentFailure failure) => Text(Has($"Api.{failure}") ? $"Api.{failure}" : "Api.Other", Languages.English);

    public static string Text(string key, string lang, params object[] args)
    {
        var culture = Languages.CultureOf(lang);
        var value = Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(AgentTexts)}.");
        return args.Length == 0 ? value : string.Format(culture, value, args);
    }

    private static string FailureKey(AgentFailure failure) => Has($"Failure.{failure}") ? $"Failure.{failure}" : "Failure.Other";

    private static bool Has(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) is not null;
}
