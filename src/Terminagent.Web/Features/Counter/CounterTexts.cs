using System.Resources;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Counter;

/// <summary>
/// What the counter says to the clerk: <c>CounterTexts.resx</c> beside this file (German, English).
/// Views read it through <c>IStringLocalizer&lt;CounterTexts&gt;</c>; the helpers below take the
/// language explicitly, since the JSON API speaks English whatever the request's language.
/// </summary>
public sealed class CounterTexts
{
    private static readonly ResourceManager Resources = new(typeof(CounterTexts));

    public static string Kind(VisitKind kind, string lang) => Text($"Kind.{kind}", lang);

    public static string Status(VisitStatus status, string lang) => Text($"Status.{status}", lang);

    /// <summary>"12 min" or "1 h 05 min": a duration as a clerk reads it at a glance.</summary>
    public static string Minutes(Duration duration, string lang)
    {
        var minutes = (int)Math.Floor(Math.Max(0, duration.TotalMinutes));
        return minutes < 60
            ? Text("Minutes.Short", lang, minutes)
            : Text("Minutes.Long", lang, minutes / 60, minutes % 60);
    }

    /// <summary>The success notice after an action.</summary>
    public static string Done(CounterAction action, Visit visit, string lang) => action switch
    {
        CounterAction.Call or CounterAction.CallParked => Text("Done.Call", lang, visit.Label, Counters.Name(visit.Counter, lang)),
        _ => Text($"Done.{action}", lang, visit.Label),
    };

    public static string Refusal(CounterResult result, string lang)
    {
        var visit = result.Visit;
        return result.Refusal switch
        {
            CounterRefusal.CounterBusy => Text("Refusal.CounterBusy", lang, visit?.Label ?? ""),
            CounterRefusal.ChangedMeanwhile or null => ChangedMeanwhile(visit!, lang),
            { } refusal => Text($"Refusal.{refusal}", lang),
        };
    }

    /// <summary>The title of the API's problem for a refusal, in English as the API speaks.</summary>
    public static string ProblemTitle(CounterRefusal refusal) => Text($"Problem.{refusal}", Languages.English);

    /// <summary>Someone else acted first: say what the visit is now, so the clerk knows what happened.</summary>
    private static string ChangedMeanwhile(Visit visit, string lang) => visit.Status switch
    {
        VisitStatus.Called => Text("ChangedMeanwhile.Called", lang, visit.Label, Counters.Name(visit.Counter, lang)),
        _ => Text($"ChangedMeanwhile.{visit.Status}", lang, visit.Label),
    };

    public static string CheckedIn(CheckInResult result, string lang)
    {
        var label = result.Visit!.Label;
        var name = result.Booking?.Name;
        var who = string.IsNullOrEmpty(name) ? label : $"{label} ({name})";
        return Text(result.AlreadyCheckedIn ? "CheckedIn.Already" : "CheckedIn.Waiting", lang, who);
    }

    /// <summary>Why a booking code cannot check in, as a sentence the clerk can read out.</summary>
    public static string CheckInRefusal(CheckInResult result, City city, OfficeDayOptions options, string lang)
    {
        var booking = result.Booking;
        var office = booking is null ? null : city.FindOffice(booking.OfficeId);
        return result.Refusal switch
        {
            Engine.OfficeDay.CheckInRefusal.OtherOffice => Text("CheckInRefusal.OtherOffice", lang, office?.Name ?? ""),
            Engine.OfficeDay.CheckInRefusal.OtherDay when office is not null =>
                Text("CheckInRefusal.OtherDay", lang, TimeFormat.DayOf(booking!.Start, office, lang), TimeFormat.Time(booking.Start, office)),
            Engine.OfficeDay.CheckInRefusal.OtherDay => Text("CheckInRefusal.OtherDayUnknown", lang),
            Engine.OfficeDay.CheckInRefusal.TooLate or null when office is not null =>
                Text("CheckInRefusal.TooLate", lang, TimeFormat.Time(booking!.Start, office), options.NoShowAfterMinutes),
            Engine.OfficeDay.CheckInRefusal.TooLate or null => Text("CheckInRefusal.TooLateUnknown", lang, options.NoShowAfterMinutes),
            { } refusal => Text($"CheckInRefusal.{refusal}", lang),
        };
    }

    private static string Text(string key, string lang, params object[] args)
    {
        var culture = Languages.CultureOf(lang);
        var text = Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(CounterTexts)}.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
