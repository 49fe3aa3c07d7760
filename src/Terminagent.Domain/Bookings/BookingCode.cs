using System.Security.Cryptography;

namespace Terminagent.Domain.Bookings;

public static class BookingCode
{
    // No 0/O, 1/I/L: codes are read out on the phone and typed at the counter.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>
    /// How often a new booking draws its code before giving up: 31⁸ codes, so with a million issued
    /// a draw repeats one about once in 850,000 times, and three in a row never in practice.
    /// </summary>
    public const int MaxDraws = 3;

    public static string New()
    {
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>
    /// "k7m4 p2qx", "K7M4P2QX" and "K7M4-P2QX" are the same code, as typed, read out or scanned;
    /// anything that cannot be a code is none.
    /// </summary>
    public static string? Normalise(string? code)
    {
        if (code is null || code.Length > 40)
        {
            return null;
        }

        var letters = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        if (letters.Length != 8 || !letters.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return $"{letters[..4]}-{letters[4..]}";
    }
}
