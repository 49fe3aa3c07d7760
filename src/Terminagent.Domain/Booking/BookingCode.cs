using System.Security.Cryptography;

namespace Terminagent.Domain.Booking;

public static class BookingCode
{
    // No 0/O, 1/I/L: codes are read out on the phone and typed at the counter.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
