using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Localization;

/// <summary>
/// The language of the API's ProblemDetails: the one the request asked for (<c>?lang=</c>, the
/// cookie, <c>Accept-Language</c>), else English, the API's language, never the pages' German default.
/// </summary>
public static class ApiLanguage
{
    public static string CodeOf(HttpContext http) =>
        http.Features.Get<IRequestCultureFeature>() is { Provider: not null } chosen
            ? Languages.Normalise(chosen.RequestCulture.UICulture.TwoLetterISOLanguageName)
            : Languages.English;

    /// <summary>The text of <paramref name="key"/> in the API's language for this request.</summary>
    public static string Api<T>(this IStringLocalizer<T> t, HttpContext http, string key, params object[] arguments)
    {
        using var language = Languages.Use(CodeOf(http));
        return t[key, arguments];
    }
}
