using System.Globalization;

namespace Terminagent.Engine.Texts;

/// <summary>
/// The languages citizens read. German is the source language and the default; every other language
/// is one whose translations were built into the engine (a satellite assembly beside it), so a
/// translator adds a language with resource files alone. Emails are written in the language stored
/// with the booking or wish.
/// </summary>
public static class Languages
{
    public const string German = "de";
    public const string English = "en";

    /// <summary>German first, English second, then the rest by code.</summary>
    public static readonly CultureInfo[] Supported = Discover();

    public static IEnumerable<string> Codes => Supported.Select(c => c.Name);

    public static bool IsSupported(string? languageCode) =>
        languageCode is { Length: > 0 } && Array.Exists(Supported, c => c.Name == languageCode);

    /// <summary>The code to store for what a client asked for: a supported language, otherwise German.</summary>
    public static string Normalise(string? languageCode) => IsSupported(languageCode) ? languageCode! : German;

    public static CultureInfo CultureOf(string? languageCode) =>
        Array.Find(Supported, c => c.Name == languageCode) ?? Supported[0];

    public static bool IsRightToLeft(string? languageCode) => CultureOf(languageCode).TextInfo.IsRightToLeft;

    /// <summary>The language's name in itself, as a language switch lists it: "Deutsch", "Türkçe", "العربية".</summary>
    public static string NativeName(string languageCode)
    {
        var culture = CultureOf(languageCode);
        var name = culture.NativeName;
        return name.Length == 0 ? name : culture.TextInfo.ToUpper(name[0]) + name[1..];
    }

    /// <summary>
    /// Makes <paramref name="languageCode"/> the current culture until disposed, so that
    /// <c>IStringLocalizer</c> and formatting speak the citizen's language outside a request (emails).
    /// </summary>
    public static IDisposable Use(string? languageCode) => new CultureScope(CultureOf(languageCode));

    private static CultureInfo[] Discover()
    {
        var satellite = typeof(Languages).Assembly.GetName().Name + ".resources.dll";
        var found = new List<CultureInfo>();
        foreach (var directory in Directory.EnumerateDirectories(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(directory);
            if (name is German || name.Length is < 2 or > 3 || !File.Exists(Path.Combine(directory, satellite)))
            {
                continue;
            }

            try
            {
                found.Add(Gregorian(CultureInfo.GetCultureInfo(name)));
            }
            catch (CultureNotFoundException)
            {
            }
        }

        return [Gregorian(CultureInfo.GetCultureInfo(German)), .. found.OrderBy(c => c.Name == English ? "" : c.Name, StringComparer.Ordinal)];
    }

    /// <summary>Offices keep the civil calendar; a culture whose default is another (Arabic's may be Hijri) is given the Gregorian one in its own words.</summary>
    private static CultureInfo Gregorian(CultureInfo culture)
    {
        if (culture.DateTimeFormat.Calendar is GregorianCalendar)
        {
            return CultureInfo.ReadOnly(culture);
        }

        var copy = (CultureInfo)culture.Clone();
        copy.DateTimeFormat.Calendar = copy.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return CultureInfo.ReadOnly(copy);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo target)
        {
            CultureInfo.CurrentCulture = target;
            CultureInfo.CurrentUICulture = target;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
