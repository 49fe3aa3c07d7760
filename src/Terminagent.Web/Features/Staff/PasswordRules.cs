using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Terminagent.Data.Staff;
using Terminagent.Domain.Cities;

namespace Terminagent.Web.Features.Staff;

/// <summary>
/// What a staff password must not be, beyond Identity's 12 characters (NIST SP 800-63B, 5.1.1.2):
/// one of the most common passwords (also with digits or signs appended, umlauts written out or
/// letters swapped for look-alikes), a repetition or run like "abcabc…" or "123456…", a word
/// of this city or app, the account's name or email address, or longer than 128 characters.
/// Every check ignores case. The messages are in <see cref="StaffAccountService"/>, by code.
/// </summary>
public sealed class PasswordRules(City city) : IPasswordValidator<StaffUser>
{
    public const int MaxLength = 128;

    public const string TooLong = "PasswordTooLong";
    public const string Common = "PasswordCommon";
    public const string Pattern = "PasswordPattern";
    public const string ContainsName = "PasswordContainsName";

    /// <summary>Names and parts of them shorter than this are too common inside other words to refuse.</summary>
    private const int ShortestNamePart = 4;

    /// <summary>German and app words the English-leaning list lacks; found in German lists of common passwords.</summary>
    private static readonly string[] LocalWords =
    [
        "qwertz", "qwertzu", "qwertzui", "qwertzuiop", "asdfghjklö", "yxcvbnm", "ichliebedich", "willkommen", "kennwort",
        "passwort", "geheimnis", "hallohallo", "schatzi", "mausi", "hasenbein", "lieblings", "fussballverein",
        "terminagent", "buergerbuero", "burgerburo", "stadtverwaltung", "rathaus", "infoline", "termin", "termine",
    ];

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var code = password is null ? null : Check(password, user.UserName, user.Email, user.DisplayName, CityWords());
        return Task.FromResult(code is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = code, Description = code }));
    }

    /// <summary>The code of the first rule the password breaks, or null when it keeps them all.</summary>
    public static string? Check(string password, string? userName, string? email, string? displayName, IEnumerable<string> contextWords)
    {
        if (password.Length > MaxLength)
        {
            return TooLong;
        }

        var folded = Fold(password);
        if (IsRunOrRepeat(folded))
        {
            return Pattern;
        }

        var words = contextWords.Select(Fold).SelectMany(w => new[] { w, Compact(w) }).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var core in Cores(folded).Where(c => c.Length > 0))
        {
            if (List.Value.Contains(core) || words.Contains(core))
            {
                return Common;
            }

            if ((core.Length >= ShortestNamePart && IsRunOrRepeat(core))
                || (RepeatedUnit(core) is { } unit && Cores(unit).Any(u => List.Value.Contains(u) || words.Contains(u))))
            {
                return Pattern;
            }
        }

        var compact = Compact(folded);
        return NameParts(userName, email, displayName).Any(p => compact.Contains(p, StringComparison.Ordinal)) ? ContainsName : null;
    }

    /// <summary>Whether the common list has this password exactly (lower case), for tests and the README's figures.</summary>
    public static bool IsListed(string password) => List.Value.Contains(password);

    public static int ListSize => List.Value.Count;

    private IEnumerable<string> CityWords() =>
        city.Offices.SelectMany(o => new[] { o.Id, o.Name }).Append(city.Name);

    /// <summary>
    /// The password as compared: lower case, umlauts and ß written out (a common list has no
    /// umlauts), compatibility forms folded (full-width letters, ligatures).
    /// </summary>
    private static string Fold(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var folded = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            folded.Append(c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ => c.ToString(),
            });
        }

        return folded.ToString();
    }

    /// <summary>
    /// The password and what is left of it without the digits, signs and spaces people add at the
    /// end (and the start) to pass a rule, each also with look-alike digits and signs read as letters.
    /// </summary>
    private static IEnumerable<string> Cores(string folded)
    {
        var trailing = WithoutPaddingAtEnd(folded);
        var both = WithoutPaddingAtStart(trailing);
        string[] cores = [folded, trailing, both, Unswap(trailing), Unswap(both), Unswap(folded), UnumlautAsPlain(both)];
        return cores.Distinct(StringComparer.Ordinal);
    }

    private static string WithoutPaddingAtEnd(string text)
    {
        var end = text.Length;
        while (end > 0 && IsPadding(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    private static string WithoutPaddingAtStart(string text)
    {
        var start = 0;
        while (start < text.Length && IsPadding(text[start]))
        {
            start++;
        }

        return text[start..];
    }

    private static bool IsPadding(char c) => !char.IsLetter(c);

    /// <summary>"p@ssw0rd" as "password", "$0mm3r" as "sommer": the swaps every cracking tool tries first.</summary>
    private static string Unswap(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' or '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' => 't',
                _ => source[i],
            };
        }
    });

    /// <summary>"Fußball" may be listed as "fussball" (folded) or "fuball" (umlaut dropped): the second form.</summary>
    private static string UnumlautAsPlain(string text) =>
        text.Replace("ae", "a", StringComparison.Ordinal).Replace("oe", "o", StringComparison.Ordinal).Replace("ue", "u", StringComparison.Ordinal);

    /// <summary>All one short unit repeated ("abcabcabcabc"), or a run of letters or digits ("123456789012", "abcdefghijkl").</summary>
    private static bool IsRunOrRepeat(string text)
    {
        if (text.Length < 2)
        {
            return false;
        }

        if (RepeatedUnit(text) is { Length: <= 4 })
        {
            return true;
        }

        var up = true;
        var down = true;
        for (var i = 1; i < text.Length; i++)
        {
            var step = text[i] - text[i - 1];
            up &= step == 1 || (text[i] == '0' && text[i - 1] == '9');
            down &= step == -1 || (text[i] == '9' && text[i - 1] == '0');
        }

        return up || down;
    }

    /// <summary>The shortest unit the text is two or more copies of, or null.</summary>
    private static string? RepeatedUnit(string text)
    {
        for (var length = 1; length <= text.Length / 2; length++)
        {
            if (text.Length % length != 0)
            {
                continue;
            }

            var unit = text[..length];
            var repeated = true;
            for (var i = length; i < text.Length && repeated; i += length)
            {
                repeated = string.CompareOrdinal(text, i, unit, 0, length) == 0;
            }

            if (repeated)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>
    /// The account's sign-in name and email address whole, and its email local part and display
    /// name whole and in parts of at least four characters ("nina.neumann" → "nina", "neumann").
    /// </summary>
    private static IEnumerable<string> NameParts(string? userName, string? email, string? displayName)
    {
        var parts = new List<string>();
        foreach (var whole in new[] { userName, email })
        {
            if (!string.IsNullOrWhiteSpace(whole))
            {
                parts.Add(Compact(Fold(whole)));
            }
        }

        foreach (var text in new[] { email?.Split('@')[0], displayName })
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                var folded = Fold(text);
                parts.Add(Compact(folded));
                parts.AddRange(Words(folded));
            }
        }

        return parts.Where(p => p.Length >= ShortestNamePart).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Only the letters and digits: "Nina Neumann" and "nina-neumann" are both "ninaneumann".</summary>
    private static string Compact(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !char.IsLetterOrDigit(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }

                start = i + 1;
            }
        }
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Terminagent.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>(50_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.ToLower(CultureInfo.InvariantCulture));
            }
        }

        words.AddRange(LocalWords);
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
