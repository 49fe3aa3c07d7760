using System.Resources;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Statistics;

/// <summary>
/// The statistics' words: <c>StatisticsTexts.resx</c> beside this file (German, English). The page
/// reads it through <c>IStringLocalizer&lt;StatisticsTexts&gt;</c>; tables, filter and CSV export,
/// built for a language the caller names, through <see cref="Text"/>.
/// </summary>
public sealed class StatisticsTexts
{
    private static readonly ResourceManager Resources = new(typeof(StatisticsTexts));

    public static string Text(string key, string lang, params object[] args)
    {
        var culture = Languages.CultureOf(lang);
        var text = Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(StatisticsTexts)}.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
