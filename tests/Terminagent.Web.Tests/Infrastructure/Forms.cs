using System.Text.RegularExpressions;

namespace Terminagent.Web.Tests.Infrastructure;

/// <summary>Posting a page's form the way a browser does: with the anti-forgery token the page rendered.</summary>
public static partial class Forms
{
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenIn(html) ?? throw new InvalidOperationException($"No form token on {path}.");
    }

    public static string? TokenIn(string html) => TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>Opens <paramref name="pagePath"/> for its token and posts the fields to <paramref name="postPath"/> (the same page unless given).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath, string? postPath, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, pagePath);
        return await client.PostAsync(postPath ?? pagePath, Form(token, fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
