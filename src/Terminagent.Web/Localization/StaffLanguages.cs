using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Localization;

/// <summary>
/// Staff pages speak German and English only. A staff member whose browser or cookie chose another
/// language reads them in German, and the page says so in its <c>lang</c>, rather than a German text
/// marked Turkish or laid out right to left.
/// </summary>
public static class StaffLanguages
{
    /// <summary>The page folders (under /Features) whose pages only staff see.</summary>
    public static readonly string[] Folders =
    [
        "/Administration", "/ApiReference", "/Counter", "/DevMailbox", "/Devices", "/Infoline", "/Staff", "/StaffAccounts", "/Statistics",
    ];

    public static void MarkStaffPages(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        foreach (var folder in Folders)
        {
            options.Conventions.AddFolderApplicationModelConvention(folder, model => model.EndpointMetadata.Add(Marker.Instance));
        }
    }

    /// <summary>After routing: a staff page asked for in a citizens-only language falls back to German.</summary>
    public static IApplicationBuilder UseStaffLanguages(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<Marker>() is not null
                && http.Features.Get<IRequestCultureFeature>() is { } feature
                && feature.RequestCulture.UICulture.TwoLetterISOLanguageName is not (Languages.German or Languages.English))
            {
                var german = Languages.CultureOf(Languages.German);
                http.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(german), feature.Provider));
                CultureInfo.CurrentCulture = german;
                CultureInfo.CurrentUICulture = german;
            }

            return next(http);
        });

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}
