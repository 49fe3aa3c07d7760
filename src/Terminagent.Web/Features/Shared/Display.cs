using NodaTime;
using NodaTime.Text;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Shared;

/// <summary>Links and parameters of the pages; dates and times themselves are formatted by <see cref="TimeFormat"/>.</summary>
public static class Display
{
    public static string InstantParameter(Instant instant) => InstantPattern.General.Format(instant);

    public static Instant? ParseInstant(string? text) =>
        text is { Length: <= 40 } && InstantPattern.General.Parse(text) is { Success: true } r ? r.Value : null;

    public static LocalDate? ParseDay(string? text) =>
        text is { Length: <= 10 } && LocalDatePattern.Iso.Parse(text) is { Success: true } r ? r.Value : null;
}
