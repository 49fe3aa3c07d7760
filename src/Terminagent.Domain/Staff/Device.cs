using NodaTime;
using Terminagent.Domain.Links;

namespace Terminagent.Domain.Staff;

public enum DeviceKind
{
    /// <summary>The touch screen at the entrance where walk-ins draw tickets.</summary>
    Kiosk = 1,

    /// <summary>The screen in the waiting area that shows who goes to which counter.</summary>
    CallDisplay = 2,
}

/// <summary>
/// A kiosk or call display bound to one office by a token an office manager issued. Only the
/// token's SHA-256 is stored; the device keeps the token itself in a cookie.
/// </summary>
public sealed class Device
{
    // EF Core materialises rows through this constructor too; devices are made with Issue.
    private Device(Guid id, string officeId, string name, string tokenHash)
    {
        Id = id;
        OfficeId = officeId;
        Name = name;
        TokenHash = tokenHash;
    }

    public Guid Id { get; private init; }
    public string OfficeId { get; private init; }
    public DeviceKind Kind { get; private init; }
    public string Name { get; private init; }
    public string TokenHash { get; private init; }
    public Instant IssuedAt { get; private init; }
    public Guid IssuedBy { get; private init; }
    public Instant? ActivatedAt { get; private set; }

    /// <summary>Set by a set-based update when an office manager revokes the token (DeviceRegistry).</summary>
    public Instant? RevokedAt { get; private init; }

    public bool IsRevoked => RevokedAt is not null;

    public const int MaxNameLength = 60;

    /// <summary>A new device for the office, by <paramref name="issuedBy"/>: the token for its link, and the device that keeps only its hash.</summary>
    public static (string Token, Device Device) Issue(string officeId, DeviceKind kind, string name, Guid issuedBy, Instant now)
    {
        var token = LinkToken.NewSecret();
        return (token, new Device(Guid.CreateVersion7(now.ToDateTimeOffset()), officeId, name, LinkToken.HashOf(token))
        {
            Kind = kind,
            IssuedAt = now,
            IssuedBy = issuedBy,
        });
    }

    /// <summary>The token reached the device; the first activation is the one recorded.</summary>
    public void Activate(Instant now) => ActivatedAt ??= now;
}
