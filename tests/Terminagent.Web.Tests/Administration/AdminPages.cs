using System.Net;
using System.Text.RegularExpressions;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Administration;

/// <summary>Reads a staff form as the browser would submit it, so a test changes only the fields it means to.</summary>
internal static partial class AdminPages
{
    /// <summary>The named fields of the page's forms with their current values (checked boxes and radios only).</summary>
    public static List<(string Name, string Value)> FieldsIn(string html, Func<string, bool> wanted)
    {
        var fields = new List<(string, string)>();
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null || !wanted(name) || Attribute(tag, "disabled") is not null)
            {
                continue;
            }

            var type = Attribute(tag, "type");
            if (type is "checkbox" or "radio" && Attribute(tag, "checked") is null)
            {
                continue;
            }

            fields.Add((name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? "")));
        }

        return fields;
    }

    /// <summary>Opens an office's settings, lets <paramref name="edit"/> change fields, and posts them.</summary>
    public static async Task<HttpResponseMessage> SaveOfficeAsync(HttpClient staff, string office, Action<Dictionary<string, string>> edit, bool confirmed = false)
    {
        var page = $"/staff/administration/offices/{office}";
        var html = await staff.GetStringAsync(page);
        var fields = FieldsIn(html, n => n.StartsWith("Form.", StringComparison.Ordinal) || n == "BasedOn")
            .ToDictionary(f => f.Name, f => f.Value);
        edit(fields);
        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        if (confirmed)
        {
            all.Add(("confirmed", "true"));
        }

        return await staff.PostAsync(page, Forms.Form(Forms.TokenIn(html)!, [.. all]));
    }

    /// <summary>The index of the opening-hours row for a weekday's n-th period (0-based).</summary>
    public static int Row(NodaTime.IsoDayOfWeek day, int period) => (((int)day - 1) * 3) + period;

    public static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}(?:=\"([^\"]*)\")?[\\s>/]");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputPattern();
}
