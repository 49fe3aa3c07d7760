using NodaTime;

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
    public Guid Id { get; set; }
    public required string OfficeId { get; set; }
    public DeviceKind Kind { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public Instant IssuedAt { get; set; }
    public Guid IssuedBy { get; set; }
    public Instant? ActivatedAt { get; set; }
    public Instant? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public const int MaxNameLength = 60;
}
