using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Terminagent.Domain.Abuse;

/// <summary>
/// The small task a client solves before it may create a booking or a wish: find a nonce (decimal
/// digits) such that SHA-256 of the challenge followed by the nonce starts with at least
/// <c>difficulty</c> zero bits. Cheap for one person, costly for a bot creating thousands.
/// </summary>
public static class ProofOfWork
{
    /// <summary>Longer nonces are never needed: 2^64 tries would take a phone centuries.</summary>
    public const int MaxNonceLength = 20;

    public const int MaxDifficulty = 32;

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }

            return bits + (System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24);
        }

        return bits;
    }

    public static bool IsWellFormedNonce(string? nonce) =>
        nonce is { Length: > 0 and <= MaxNonceLength } && nonce.All(char.IsAsciiDigit);

    public static bool IsSolved(string challenge, string? nonce, int difficulty)
    {
        if (!IsWellFormedNonce(nonce))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(challenge + nonce), hash);
        return LeadingZeroBits(hash) >= difficulty;
    }

    /// <summary>What a client does (the load tool, tests): counts up from zero until the hash fits.</summary>
    public static string Solve(string challenge, int difficulty)
    {
        var prefix = Encoding.UTF8.GetBytes(challenge);
        var buffer = new byte[prefix.Length + MaxNonceLength];
        prefix.CopyTo(buffer, 0);
        Span<byte> hash = stackalloc byte[32];
        for (ulong n = 0; ; n++)
        {
            n.TryFormat(buffer.AsSpan(prefix.Length), out var written, default, CultureInfo.InvariantCulture);
            SHA256.HashData(buffer.AsSpan(0, prefix.Length + written), hash);
            if (LeadingZeroBits(hash) >= difficulty)
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
