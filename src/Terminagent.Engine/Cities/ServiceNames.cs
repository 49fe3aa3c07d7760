using System.Resources;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Cities;

/// <summary>
/// Services' names in the languages beyond German and English, keyed by service id in
/// <c>ServiceNames.*.resx</c>. German and English names are the city's own data (set in the
/// administration); the others are texts like any other, kept by translators. A service without a
/// translation reads its German name.
/// </summary>
public static class ServiceNames
{
    private static readonly ResourceManager Resources = new(typeof(ServiceNames));

    public static IReadOnlyDictionary<string, string> TranslationsOf(string serviceId)
    {
        var names = new Dictionary<string, string>();
        foreach (var culture in Languages.Supported)
        {
            if (culture.Name is Languages.German or Languages.English)
            {
                continue;
            }

            if (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(serviceId) is { Length: > 0 } name)
            {
                names[culture.Name] = name;
            }
        }

        return names;
    }
}
