using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Links;
using Terminagent.Domain.Staff;
using Terminagent.Engine;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Devices;

/// <summary>
/// Kiosks and call displays, each bound to one office by a token an office manager issues. The
/// device keeps the token in a long-lived cookie; the database keeps only its hash.
/// </summary>
public sealed class DeviceRegistry(TerminagentDb db, Clock clock, AuditLog audit, ActorScope actor)
{
    public static string CookieName(DeviceKind kind) => kind == DeviceKind.Kiosk ? "terminagent-kiosk" : "terminagent-display";

    public async Task<(Device Device, string Token)> IssueAsync(string officeId, DeviceKind kind, string name, Guid issuedBy, CancellationToken ct)
    {
        var now = clock.Now;
        var (token, device) = Device.Issue(officeId, kind, name, issuedBy, now);
        db.Devices.Add(device);
        audit.Add(AuditActions.DeviceIssue, officeId, Details(device));
        await db.SaveChangesAsync(ct);
        return (device, token);
    }

    /// <summary>The device a token belongs to, if it is well-formed, known and not revoked.</summary>
    public async Task<Device?> FindAsync(string? token, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = LinkToken.HashOf(token!);
        return await db.Devices.FirstOrDefaultAsync(d => d.TokenHash == hash && d.RevokedAt == null, ct);
    }

    /// <summary>The device a well-formed token belongs to, revoked or not, so a page can tell the two apart.</summary>
    public async Task<Device?> LookUpAsync(string? token, CancellationToken ct)
    {
        if (!LinkToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = LinkToken.HashOf(token!);
        return await db.Devices.FirstOrDefaultAsync(d => d.TokenHash == hash, ct);
    }

    /// <summary>
    /// Whether this request comes from an activated device of the kind for the office; when it
    /// does, the device is who acts in it.
    /// </summary>
    public async Task<Device?> FindForRequestAsync(HttpContext http, string officeId, DeviceKind kind, CancellationToken ct)
    {
        var device = await FindAsync(http.Request.Cookies[CookieName(kind)], ct);
        if (device is null || device.OfficeId != officeId || device.Kind != kind)
        {
            return null;
        }

        actor.ActAs(Actor.Device(device.Name));
        return device;
    }

    /// <summary>Stores the token on the device (an HttpOnly cookie for a year) and records the activation.</summary>
    public async Task ActivateAsync(HttpContext http, Device device, string token, CancellationToken ct)
    {
        device.Activate(clock.Now);

        // Whoever holds the link activates it on the device, signed in or not: the system records it.
        audit.Add(audit.Actor.IsAudited ? audit.Actor : Actor.SystemActor, AuditActions.DeviceActivate, device.OfficeId, Details(device));
        await db.SaveChangesAsync(ct);
        http.Response.Cookies.Append(CookieName(device.Kind), token, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Expires = clock.Provider.GetUtcNow().AddYears(1),
            Path = "/",
        });
    }

    public async Task<bool> RevokeAsync(Guid deviceId, string officeId, CancellationToken ct)
    {
        var now = clock.Now;
        await using var tx = await db.OpenOrJoinTransactionAsync(ct);
        var revoked = await db.Devices
            .Where(d => d.Id == deviceId && d.OfficeId == officeId && d.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.RevokedAt, now), ct);
        if (revoked != 1)
        {
            return false;
        }

        var device = await db.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, ct);
        audit.Add(AuditActions.DeviceRevoke, officeId, Details(device));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static string Details(Device device) => $"Device: {device.Name} ({device.Kind}, {device.Id})";

    public Task<List<Device>> ListAsync(string officeId, CancellationToken ct) =>
        db.Devices.AsNoTracking().Where(d => d.OfficeId == officeId).OrderBy(d => d.Kind).ThenBy(d => d.Name).ToListAsync(ct);
}
