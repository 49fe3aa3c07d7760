using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Cities;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>
/// The kiosks and call displays of one office: issue one (its activation link and QR code are
/// shown once), revoke one. For the office's managers and administrators.
/// </summary>
public sealed class IndexModel(DeviceRegistry devices, City city, IOptions<AppOptions> app, IStringLocalizer<DeviceTexts> texts) : PageModel
{
    public Office Office { get; private set; } = null!;

    public IReadOnlyList<Device> Devices { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Kind { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Notice { get; private set; }

    public Device? Issued { get; private set; }

    public string? ActivationLink { get; private set; }

    public string? QrCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string office, string? done, CancellationToken ct)
    {
        if (Refusal(office) is { } refusal)
        {
            return refusal;
        }

        Notice = done == "revoked"
            ? texts["Index.Revoked"].Value
            : null;
        Devices = await devices.ListAsync(Office.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(string office, CancellationToken ct)
    {
        if (Refusal(office) is { } refusal)
        {
            return refusal;
        }

        var kind = Kind switch
        {
            nameof(DeviceKind.Kiosk) => DeviceKind.Kiosk,
            nameof(DeviceKind.CallDisplay) => DeviceKind.CallDisplay,
            _ => (DeviceKind?)null,
        };
        var name = Name?.Trim();
        if (kind is null)
        {
            Errors["kind"] = texts["Index.ChooseKind"];
        }
        else if (kind == DeviceKind.Kiosk && !Office.HasKiosk)
        {
            Errors["kind"] = texts["Index.NoKioskHere", Office.Name];
        }

        if (string.IsNullOrEmpty(name) || name.Length > Device.MaxNameLength || name.Any(char.IsControl))
        {
            Errors["name"] = texts["Index.NameError", Device.MaxNameLength];
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Devices = await devices.ListAsync(Office.Id, ct);
            return Page();
        }

        var (device, token) = await devices.IssueAsync(Office.Id, kind!.Value, name!, StaffMember.From(User)!.Id, ct);

        // The token is on this answer and nowhere else (the database keeps its hash): no cache may keep it.
        Response.Headers.CacheControl = "no-cache, no-store";
        Issued = device;
        ActivationLink = ActivationCode.Link(app.Value.PublicBaseUrl, token);
        QrCode = ActivationCode.PngDataUri(ActivationLink);
        Name = null;
        Kind = null;
        Devices = await devices.ListAsync(Office.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string office, [FromForm] Guid device, CancellationToken ct)
    {
        if (Refusal(office) is { } refusal)
        {
            return refusal;
        }

        if (await devices.RevokeAsync(device, Office.Id, ct))
        {
            return RedirectToPage("/Devices/Index", new { office = Office.Id, done = "revoked" });
        }

        Errors["form"] = texts["Index.NoSuchDevice"];
        Response.StatusCode = StatusCodes.Status404NotFound;
        Devices = await devices.ListAsync(Office.Id, ct);
        return Page();
    }

    private IActionResult? Refusal(string officeId)
    {
        if (DevicePages.Refusal(this, city, officeId) is { } refusal)
        {
            return refusal;
        }

        Office = city.FindOffice(officeId)!;
        return null;
    }
}
