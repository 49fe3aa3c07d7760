using NodaTime;
using NodaTime.Text;

namespace Terminagent.Web.Features.Input;

public enum MomentProblem
{
    None,
    Unreadable,
    OutOfReach,
}

/// <summary>A day or instant as a request gave it: not given (no text), read, or refused and why.</summary>
public readonly record struct MomentInput<T>(T? Value, MomentProblem Problem)
    where T : struct
{
    public bool Refused => Problem != MomentProblem.None;
}

/// <summary>
/// The one reading of the days and instants requests carry: ISO text, and only within
/// <see cref="YearsReachable"/> years of today. No office has a day at the ends of the calendar
/// (0001-01-01, 9999-12-31, an offset that pushes past them), and a day's arithmetic there
/// overflows: such input is refused here, before any page, API or the engine uses it.
/// </summary>
public static class Moments
{
    public const int YearsReachable = 100;

    public static bool InReach(LocalDate day, LocalDate today) =>
        day >= today.PlusYears(-YearsReachable) && day <= today.PlusYears(YearsReachable);

    public static bool InReach(Instant instant, Instant now) => InReach(instant.InUtc().Date, now.InUtc().Date);

    public static bool InReach(DateTimeOffset moment, Instant now) => InReach(Instant.FromDateTimeOffset(moment), now);

    /// <summary>A day as yyyy-MM-dd; blank text is no day.</summary>
    public static MomentInput<LocalDate> ReadDay(string? text, Instant now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        if (text.Trim() is not { Length: 10 } trimmed || LocalDatePattern.Iso.Parse(trimmed) is not { Success: true } parsed)
        {
            return new(null, MomentProblem.Unreadable);
        }

        return InReach(parsed.Value, now.InUtc().Date) ? new(parsed.Value, MomentProblem.None) : new(null, MomentProblem.OutOfReach);
    }

    /// <summary>An instant as the pages' links carry it (yyyy-MM-ddTHH:mm:ssZ); blank text is no instant.</summary>
    public static MomentInput<Instant> ReadInstant(string? text, Instant now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        if (text is not { Length: <= 40 } || InstantPattern.General.Parse(text) is not { Success: true } parsed)
        {
            return new(null, MomentProblem.Unreadable);
        }

        return InReach(parsed.Value, now) ? new(parsed.Value, MomentProblem.None) : new(null, MomentProblem.OutOfReach);
    }

    /// <summary>What a page says about a day it cannot use (see <see cref="InputTextsExtensions"/> for pages with a localizer).</summary>
    public static string DayRefusal(MomentProblem problem, string lang) => InputTexts.DayRefusal(problem, lang);

    /// <summary>What the API says, in its `errors`, about a day or instant it cannot use.</summary>
    public static string ApiRefusal(MomentProblem problem, string example) => problem == MomentProblem.OutOfReach
        ? $"Use a date within {YearsReachable} years before or after today."
        : $"Use an ISO {(example.Contains('T', StringComparison.Ordinal) ? "instant" : "date")}, e.g. {example}.";
}
