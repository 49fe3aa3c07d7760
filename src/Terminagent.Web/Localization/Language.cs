using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Localization;

/// <summary>
/// The language of the current request: German unless the citizen chose English. Texts sit side by
/// side in the code (<c>L("Termin", "Appointment")</c>) so no translation can go missing.
/// </summary>
public sealed class Language(IHttpContextAccessor accessor)
{
    public const string German = Languages.German;
    public const string English = Languages.English;
    public static readonly CultureInfo[] Supported = Languages.Supported;

    public string Code =>
        accessor.HttpContext?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName == English
            ? English
            : German;

    public bool IsEnglish => Code == English;

    public CultureInfo Culture => IsEnglish ? Supported[1] : Supported[0];

    public string L(string german, string english) => IsEnglish ? english : german;

    public static string Pick(string languageCode, string german, string english) => Languages.Pick(languageCode, german, english);

    public static CultureInfo CultureOf(string languageCode) => Languages.CultureOf(languageCode);
}
