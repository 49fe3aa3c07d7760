using NodaTime;
using Terminagent.Domain.Links;
using Terminagent.Domain.Staff;

namespace Terminagent.Domain.Tests;

/// <summary>Kiosks and call displays: issuing a device's token and recording its activation.</summary>
public class DeviceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 7, 0);
    private static readonly Guid Manager = Guid.Parse("0198c0de-0000-7000-8000-000000000001");

    [Fact]
    public void Issue_KeepsOnlyTheHashOfTheTokenItHandsOut()
    {
        var (token, device) = Device.Issue("hauptbahnhof", DeviceKind.Kiosk, "Kiosk Eingang", Manager, Now);

        Assert.True(LinkToken.IsWellFormed(token));
        Assert.Equal(LinkToken.HashOf(token), device.TokenHash);
        Assert.DoesNotContain(token, device.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_RecordsWhoIssuedWhatWhere_NotYetActive()
    {
        var (_, device) = Device.Issue("hauptbahnhof", DeviceKind.CallDisplay, "Wartebereich", Manager, Now);

        Assert.Equal(("hauptbahnhof", DeviceKind.CallDisplay, "Wartebereich"), (device.OfficeId, device.Kind, device.Name));
        Assert.Equal((Now, Manager), (device.IssuedAt, device.IssuedBy));
        Assert.Null(device.ActivatedAt);
        Assert.False(device.IsRevoked);
    }

    [Fact]
    public void Issue_Twice_GivesTwoTokens()
    {
        var (first, _) = Device.Issue("hauptbahnhof", DeviceKind.Kiosk, "Kiosk", Manager, Now);
        var (second, _) = Device.Issue("hauptbahnhof", DeviceKind.Kiosk, "Kiosk", Manager, Now);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Activate_Again_KeepsTheFirstActivation()
    {
        var (_, device) = Device.Issue("hauptbahnhof", DeviceKind.Kiosk, "Kiosk", Manager, Now);
        device.Activate(Now + Duration.FromMinutes(5));

        device.Activate(Now + Duration.FromDays(3));

        Assert.Equal(Now + Duration.FromMinutes(5), device.ActivatedAt);
    }
}
