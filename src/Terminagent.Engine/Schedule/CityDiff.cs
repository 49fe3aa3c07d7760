using System.Text.Json;
using System.Text.Json.Nodes;
using Terminagent.Engine.Cities;

namespace Terminagent.Engine.Schedule;

/// <summary>
/// What a change of the city's settings changed, one line per setting, for the audit log:
/// <c>Offices[hauptbahnhof].OpeningHours.Monday[0].To: 12:30 → 12:00</c>.
/// </summary>
public static class CityDiff
{
    public static IReadOnlyList<string> Describe(CityOptions before, CityOptions after)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        var lines = new List<string>();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(key);
            var @is = now.GetValueOrDefault(key);
            if (was != @is)
            {
                lines.Add($"{key}: {was ?? "–"} → {@is ?? "–"}");
            }
        }

        return lines;
    }

    private static Dictionary<string, string> Flatten(CityOptions options)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonSerializer.SerializeToNode(options), "", result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> result)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", result);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    // Offices and services by their id, closed days by their date, so removing one
                    // does not renumber the rest.
                    if (array[i] is JsonValue day)
                    {
                        result[$"{path}[{day.ToString()}]"] = "✓";
                        continue;
                    }

                    var id = array[i] is JsonObject o && o["Id"] is JsonValue v ? v.ToString() : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Walk(array[i], $"{path}[{id}]", result);
                }

                if (array.Count == 0)
                {
                    result[path] = "[]";
                }

                break;
            case null:
                break;
            default:
                result[path] = node.ToJsonString().Trim('"');
                break;
        }
    }
}
