using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Terminagent.Domain.Links;

public enum LinkPurpose
{
    ConfirmBooking = 1,
    ManageBooking = 2,
    ConfirmWish = 3,
    ManageWish = 4,
    AnswerOffer = 5,
}

/// <summary>
/// The stored half of a link sent by email: only the SHA-256 of the secret is kept, so a copy of the
/// database opens no one's booking. Each token serves one purpose.
/// </summary>
public sealed class LinkToken
{
    public required string Hash { get; set; }
    public LinkPurpose Purpose { get; set; }
    public Guid SubjectId { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }

    /// <summary>A new token: 256 random bits for the link, and its hash for the database.</summary>
    public static (string Secret, LinkToken Token) Issue(LinkPurpose purpose, Guid subjectId, Instant now, Instant expiresAt)
    {
        var secret = NewSecret();
        return (secret, new LinkToken
        {
            Hash = HashOf(secret),
            Purpose = purpose,
            SubjectId = subjectId,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
    }

    /// <summary>256 random bits, URL-safe: for links and for the tokens of kiosks and displays.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a string could be a token at all, before any database look-up.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
