using NodaTime;
using NodaTime.Text;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Shared;

/// <summary>Links and parameters of the pages (read back by <see cref="Input.Moments"/>); dates and times themselves are formatted by <see cref="TimeFormat"/>.</summary>
public static class Display
{
    public static string InstantParameter(Instant instant) => InstantPattern.General.Format(instant);
}
