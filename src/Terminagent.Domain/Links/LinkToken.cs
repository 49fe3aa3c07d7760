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
    // EF Core materialises rows through this constructor too; tokens are made with Issue.
    private LinkToken(string hash)
    {
        Hash = hash;
    }

    public string Hash { get; private init; }
    public LinkPurpose Purpose { get; private init; }
    public Guid SubjectId { get; private init; }
    public Instant CreatedAt { get; private init; }
    public Instant ExpiresAt { get; private set; }

    /// <summary>A new token: 256 random bits for the link, and its hash for the database.</summary>
    public static (string Secret, LinkToken Token) Issue(LinkPurpose purpose, Guid subjectId, Instant now, Instant expiresAt)
    {
        var secret = NewSecret();
        return (secret, new LinkToken(HashOf(secret))
        {
            Purpose = purpose,
            SubjectId = subjectId,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
    }

    /// <summary>Lets the link work until <paramref name="expiresAt"/>: a moved appointment's links follow its new time.</summary>
    public void ExpireAt(Instant expiresAt) => ExpiresAt = expiresAt;

    /// <summary>256 random bits, URL-safe: for links and for the tokens of kiosks and displays.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a string could be a token at all, before any database look-up.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
