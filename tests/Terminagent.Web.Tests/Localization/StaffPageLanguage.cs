using System.Net;
using System.Text.RegularExpressions;

namespace Terminagent.Web.Tests.Localization;

/// <summary>A staff page as a browser gets it: the language its <c>&lt;html lang&gt;</c> names, and its text with entities decoded.</summary>
internal static partial class StaffPageLanguage
{
    public static async Task<(string Language, string Html)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var match = HtmlElement().Match(html);
        Assert.True(match.Success, $"{path} has no <html lang>.");
        return (match.Groups[1].Value, html);
    }

    [GeneratedRegex("<html lang=\"([a-z]+)\"")]
    private static partial Regex HtmlElement();
}
