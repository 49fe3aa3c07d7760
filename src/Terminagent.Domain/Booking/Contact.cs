using System.Buffers;
using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Terminagent.Domain.Booking;

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
        var cleanName = Collapse(name);
        if (cleanName.Length == 0)
        {
            problems.Add(ContactProblem.NameMissing);
        }
        else if (cleanName.Length > MaxNameLength)
        {
            problems.Add(ContactProblem.NameTooLong);
        }
        else if (!IsWellFormed(cleanName) || cleanName.Any(c => char.IsControl(c) || c is '<' or '>' or '"'))
        {
            problems.Add(ContactProblem.NameInvalid);
        }

        var cleanEmail = (email ?? "").Trim();
        if (cleanEmail.Length == 0)
        {
            problems.Add(ContactProblem.EmailMissing);
        }
        else if (cleanEmail.Length > MaxEmailLength)
        {
            problems.Add(ContactProblem.EmailTooLong);
        }
        else if (!IsPlainAddress(cleanEmail))
        {
            problems.Add(ContactProblem.EmailInvalid);
        }

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

        return problems.Count > 0 ? (null, problems) : (new Contact(cleanName, cleanEmail, cleanPhone), problems);
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
        !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>')
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.StartsWith('.')
        && !parsed.Host.EndsWith('.')
        && string.IsNullOrEmpty(parsed.DisplayName)
        && email.All(c => c < 128 || char.GetUnicodeCategory(c) != UnicodeCategory.Format);
}
