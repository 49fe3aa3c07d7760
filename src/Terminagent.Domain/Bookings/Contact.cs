using System.Buffers;
using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Terminagent.Domain.Bookings;

public enum ContactProblem
{
    NameMissing,
    NameTooLong,
    NameInvalid,
    EmailMissing,
    EmailTooLong,
    EmailInvalid,
    PhoneTooLong,
    PhoneInvalid,

    /// <summary>An infoline caller without email must leave a phone number: it is how the infoline reaches them.</summary>
    PhoneMissing,
}

/// <summary>The citizen's name, email and optional phone, checked and tidied.</summary>
public sealed record Contact(string Name, string Email, string? Phone)
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 30;

    public static (Contact? Contact, IReadOnlyList<ContactProblem> Problems) Create(string? name, string? email, string? phone)
    {
        var problems = new List<ContactProblem>();
        var cleanName = CheckName(name, problems);
        var cleanEmail = CheckEmail(email, problems);
        if (string.IsNullOrWhiteSpace(email))
        {
            problems.Add(ContactProblem.EmailMissing);
        }

        var cleanPhone = CheckPhone(phone, problems);
        return problems.Count > 0 ? (null, problems) : (new Contact(cleanName, cleanEmail!, cleanPhone), problems);
    }

    /// <summary>
    /// A caller of the city's phone service: the email is optional. Without one, a phone number is
    /// needed when the infoline must call back (<paramref name="phoneRequiredWithoutEmail"/>).
    /// </summary>
    public static (CallerContact? Contact, IReadOnlyList<ContactProblem> Problems) ForCaller(
        string? name, string? email, string? phone, bool phoneRequiredWithoutEmail)
    {
        var problems = new List<ContactProblem>();
        var cleanName = CheckName(name, problems);
        var cleanEmail = CheckEmail(email, problems);
        var cleanPhone = CheckPhone(phone, problems);
        if (phoneRequiredWithoutEmail && string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone))
        {
            problems.Add(ContactProblem.PhoneMissing);
        }

        return problems.Count > 0 ? (null, problems) : (new CallerContact(cleanName, cleanEmail, cleanPhone), problems);
    }

    /// <summary>A name as it is stored: composed, trimmed, inner whitespace collapsed to single spaces.</summary>
    public static string NormaliseName(string? name) => Collapse(name);

    private static string CheckName(string? name, List<ContactProblem> problems)
    {
        var cleanName = Collapse(name);
        if (cleanName.Length == 0)
        {
            problems.Add(ContactProblem.NameMissing);
        }
        else if (cleanName.Length > MaxNameLength)
        {
            problems.Add(ContactProblem.NameTooLong);
        }
        else if (!IsWellFormed(cleanName) || cleanName.Any(c => char.IsControl(c) || c is '<' or '>' or '"' || c == ReplacementCharacter || IsInvisible(c)))
        {
            problems.Add(ContactProblem.NameInvalid);
        }

        return cleanName;
    }

    /// <summary>The tidied address, or null when none was given or it is not valid (with a problem then).</summary>
    private static string? CheckEmail(string? email, List<ContactProblem> problems)
    {
        var cleanEmail = (email ?? "").Trim();
        if (cleanEmail.Length == 0)
        {
            return null;
        }

        if (cleanEmail.Length > MaxEmailLength)
        {
            problems.Add(ContactProblem.EmailTooLong);
            return null;
        }

        if (!IsPlainAddress(cleanEmail))
        {
            problems.Add(ContactProblem.EmailInvalid);
            return null;
        }

        return cleanEmail;
    }

    private static string? CheckPhone(string? phone, List<ContactProblem> problems)
    {
        var cleanPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (cleanPhone is not null)
        {
            if (cleanPhone.Length > MaxPhoneLength)
            {
                problems.Add(ContactProblem.PhoneTooLong);
            }
            else if (!cleanPhone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '/' or '-' or '(' or ')'))
            {
                problems.Add(ContactProblem.PhoneInvalid);
            }
        }

        return cleanPhone;
    }

    /// <summary>The form of an address under which one person is recognised again.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static string Collapse(string? text)
    {
        // Normalize throws on a lone surrogate: such text stays as it came, to be refused as invalid.
        var raw = text ?? "";
        var composed = IsWellFormed(raw) ? raw.Normalize(NormalizationForm.FormC) : raw;
        return string.Join(' ', composed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>What invalid UTF-8 becomes when decoded: the name or address as typed was lost on the way.</summary>
    private const char ReplacementCharacter = '\uFFFD';

    /// <summary>
    /// Direction overrides and invisible spaces make a name read differently than it is stored.
    /// Joiners (U+200C/U+200D) stay allowed: Persian and other scripts write names with them.
    /// </summary>
    private static bool IsInvisible(char c) => c is '\u200B' or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            text = text[used..];
        }

        return true;
    }

    // A single bare address: no display name, no list, no line breaks that could smuggle headers.
    private static bool IsPlainAddress(string email) =>
        !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or ReplacementCharacter || IsInvisible(c))
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.StartsWith('.')
        && !parsed.Host.EndsWith('.')
        && string.IsNullOrEmpty(parsed.DisplayName)
        && email.All(c => c < 128 || char.GetUnicodeCategory(c) != UnicodeCategory.Format);
}

/// <summary>An infoline caller's name, optional email and phone, checked and tidied like a <see cref="Contact"/>.</summary>
public sealed record CallerContact(string Name, string? Email, string? Phone);
