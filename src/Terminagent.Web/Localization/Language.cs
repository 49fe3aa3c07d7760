using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Localization;

/// <summary>
/// The language of the current request, one of <see cref="Languages.Supported"/>: chosen by
/// <c>?lang=</c> (or <c>?culture=</c>), then the language cookie, then the browser's
/// <c>Accept-Language</c>, then German. Texts come from each feature's resources through
/// <c>IStringLocalizer</c>; this says which language and which direction the page has.
/// </summary>
public sealed class Language(IHttpContextAccessor accessor)
{
    public const string German = Languages.German;
    public const string English = Languages.English;
    public static readonly CultureInfo[] Supported = Languages.Supported;

    public string Code => Languages.Normalise(
        accessor.HttpContext?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName);

    public bool IsRightToLeft => Languages.IsRightToLeft(Code);

    /// <summary>The page's <c>dir</c> attribute: "rtl" for a right-to-left language, otherwise none (left-to-right is the default).</summary>
    public string? Direction => IsRightToLeft ? "rtl" : null;

    public CultureInfo Culture => Languages.CultureOf(Code);

    public static CultureInfo CultureOf(string languageCode) => Languages.CultureOf(languageCode);
}
