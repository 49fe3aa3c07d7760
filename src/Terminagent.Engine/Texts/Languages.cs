using System.Globalization;

namespace Terminagent.Engine.Texts;

/// <summary>
/// The languages citizens read: German unless they chose English. Emails are written in the
/// language stored with the booking or wish; texts sit side by side (<c>Pick(lang, "Termin", "Appointment")</c>).
/// </summary>
public static class Languages
{
    public const string German = "de";
    public const string English = "en";
    public static readonly CultureInfo[] Supported = [new("de"), new("en")];

    /// <summary>The code to store for what a client asked for: English when it said so, otherwise German.</summary>
    public static string Normalise(string? languageCode) => languageCode == English ? English : German;

    public static string Pick(string languageCode, string german, string english) =>
        languageCode == English ? english : german;

    public static CultureInfo CultureOf(string languageCode) => languageCode == English ? Supported[1] : Supported[0];
}
