using System.Text.RegularExpressions;
using System.Xml.Linq;
using NodaTime;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Texts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Tests.Localization;

/// <summary>
/// The resource files themselves: every language has every key of the German source, keeps its
/// placeholders, and says whether a person has reviewed it. Staff features may stay German and English.
/// </summary>
public sealed partial class TranslationTests
{
    /// <summary>
    /// The folders of the pages that speak German and English only (<see cref="StaffLanguages.Folders"/>):
    /// their resources need no more, and those of every other feature need every language.
    /// </summary>
    private static readonly string[] StaffFeatures =
        [.. StaffLanguages.Folders.Select(folder => $"src/Terminagent.Web/Features{folder}/")];

    private static readonly string[] ReviewStates = ["review: pending", "review: done"];

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var source in SourceFiles())
        {
            data.Add(source);
        }

        return data;
    }

    [Fact]
    public void TheLanguages_AreGermanEnglishAndEveryTranslationBuiltIn()
    {
        Assert.Equal(["de", "en", "ar", "tr", "uk"], Languages.Codes);
        Assert.Equal(["Deutsch", "English", "العربية", "Türkçe", "Українська"], Languages.Codes.Select(Languages.NativeName));
        Assert.True(Languages.IsRightToLeft("ar"));
        Assert.False(Languages.IsRightToLeft("tr"));
    }

    [Fact]
    public void ThereAreResources_ForBothEngineAndWeb()
    {
        var sources = SourceFiles().ToList();
        Assert.Contains(sources, s => s.StartsWith("src/Terminagent.Engine/", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.StartsWith("src/Terminagent.Web/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void EveryLanguage_HasEveryKeyOfTheGermanSource(string source)
    {
        var german = Read(source);
        Assert.NotEmpty(german);
        foreach (var language in RequiredLanguages(source))
        {
            var path = Translation(source, language);
            Assert.True(File.Exists(Path.Combine(Root, path)), $"{path} is missing.");
            var translated = Read(path);
            var missing = german.Keys.Except(translated.Keys).ToList();
            var stray = translated.Keys.Except(german.Keys).ToList();
            Assert.True(missing.Count == 0, $"{path} lacks {string.Join(", ", missing)}");
            Assert.True(stray.Count == 0, $"{path} has keys the German source does not: {string.Join(", ", stray)}");
            var empty = translated.Where(e => string.IsNullOrWhiteSpace(e.Value.Value) && !string.IsNullOrWhiteSpace(german[e.Key].Value)).Select(e => e.Key).ToList();
            Assert.True(empty.Count == 0, $"{path} leaves empty: {string.Join(", ", empty)}");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void EveryTranslation_KeepsThePlaceholdersOfTheGermanSource(string source)
    {
        var german = Read(source);
        foreach (var path in ExistingTranslations(source))
        {
            foreach (var (key, entry) in Read(path))
            {
                if (german.TryGetValue(key, out var original))
                {
                    Assert.True(
                        Placeholders(original.Value).SetEquals(Placeholders(entry.Value)),
                        $"{path} {key}: \"{entry.Value}\" does not keep the placeholders of \"{original.Value}\".");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void EveryTranslationByTheProject_SaysWhetherItIsReviewed(string source)
    {
        foreach (var path in ExistingTranslations(source).Where(p => !p.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            foreach (var (key, entry) in Read(path))
            {
                Assert.True(ReviewStates.Contains(entry.Comment), $"{path} {key} says neither \"review: pending\" nor \"review: done\".");
            }
        }
    }

    [Theory]
    [InlineData("de", "Sonntag, 6. Dezember 2026")]
    [InlineData("en", "Sunday, 6 December 2026")]
    [InlineData("tr", "6 Aralık 2026 Pazar")]
    [InlineData("uk", "неділя, 6 грудня 2026 р.")]
    [InlineData("ar", "الأحد، 6 ديسمبر 2026")]
    public void Days_ReadAsEachLanguageWritesThem(string language, string expected) =>
        Assert.Equal(expected, TimeFormat.Day(new LocalDate(2026, 12, 6), language));

    [Fact]
    public void TheDemoCitysServices_HaveTheirNamesInEveryLanguageBeyondGermanAndEnglish()
    {
        var names = ServiceNames.TranslationsOf("personalausweis");
        Assert.Equal(["ar", "tr", "uk"], names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Kimlik kartı başvurusu", names["tr"]);
        Assert.Empty(ServiceNames.TranslationsOf("a-service-the-translators-never-saw"));
    }

    /// <summary>No text is written inline in two languages any more: every one comes from a resource.</summary>
    [Fact]
    public void NoCode_WritesItsTextsInlineInTwoLanguages()
    {
        var inline = new[] { "src", "tools" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (Path: Path.GetRelativePath(Root, path), Line: i + 1, Text: line)))
            .Where(l => InlinePair().IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}")
            .ToList();
        Assert.True(inline.Count == 0, $"Texts written inline in two languages: {string.Join(", ", inline)}");
    }

    private static string Root { get; } = FindRoot();

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.resx", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(path => !TranslationName().IsMatch(path))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> RequiredLanguages(string source) =>
        StaffFeatures.Any(f => source.StartsWith(f, StringComparison.Ordinal))
            ? [Languages.English]
            : Languages.Codes.Where(c => c != Languages.German);

    private static IEnumerable<string> ExistingTranslations(string source)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Root, source))!;
        var stem = Path.GetFileNameWithoutExtension(source);
        return Directory.EnumerateFiles(folder, stem + ".*.resx")
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => TranslationName().IsMatch(path) && Path.GetFileName(path).Split('.').Length == 3);
    }

    private static string Translation(string source, string language) => source[..^".resx".Length] + "." + language + ".resx";

    private static Dictionary<string, (string Value, string? Comment)> Read(string path) =>
        XDocument.Load(Path.Combine(Root, path)).Root!.Elements("data").ToDictionary(
            d => (string)d.Attribute("name")!,
            d => ((string?)d.Element("value") ?? "", (string?)d.Element("comment")));

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Terminagent.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Terminagent.slnx was not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\b(Pick|L)\(\s*(lang\w*\s*,\s*)?\$?""[^""]*""\s*,\s*\$?""|IsEnglish\s*\?")]
    private static partial Regex InlinePair();

    [GeneratedRegex(@"\.[a-z]{2,3}(-[A-Za-z]+)?\.resx$")]
    private static partial Regex TranslationName();

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
