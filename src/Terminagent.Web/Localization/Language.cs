using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Terminagent.Web.Localization;

/// <summary>
/// The language of the current request: German unless the citizen chose English. Texts sit side by
/// side in the code (<c>L("Termin", "Appointment")</c>) so no translation can go missing.
/// </summary>
public sealed class Language(IHttpContextAccessor accessor)
{
    public const string German = "de";
    public const string English = "en";
    public static readonly CultureInfo[] Supported = [new("de"), new("en")];

    public string Code =>
        accessor.HttpContext?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName == English
            ? English
            : German;

    public bool IsEnglish => Code == English;

    public CultureInfo Culture => IsEnglish ? Supported[1] : Supported[0];

    public string L(string german, string english) => IsEnglish ? english : german;

    public static string Pick(string languageCode, string german, string english) =>
        languageCode == English ? english : german;

    public static CultureInfo CultureOf(string languageCode) => languageCode == English ? Supported[1] : Supported[0];
}
