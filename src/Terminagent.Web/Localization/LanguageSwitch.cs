using Microsoft.AspNetCore.Localization;
using Terminagent.Engine.Texts;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Localization;

public static class LanguageSwitch
{
    /// <summary>Remembers the chosen language in a cookie and goes back to the page (only pages of this site).</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/language", (HttpContext http, Clock clock, string? lang, string? returnUrl) =>
        {
            var culture = Languages.CultureOf(Languages.Normalise(lang));
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.Provider.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? RemoveLangParameter(returnUrl)
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();

    private static string RemoveLangParameter(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var kept = url[(q + 1)..].Split('&').Where(p => !p.StartsWith("lang=", StringComparison.Ordinal));
        var query = string.Join('&', kept);
        return query.Length == 0 ? url[..q] : $"{url[..q]}?{query}";
    }
}
