using QRCoder;

namespace Terminagent.Web.Features.Devices;

/// <summary>The activation link of a device as a QR code, so a tablet's camera can open it.</summary>
public static class ActivationCode
{
    public static string Link(string publicBaseUrl, string token) =>
        $"{publicBaseUrl.TrimEnd('/')}/devices/activate?token={Uri.EscapeDataString(token)}";

    /// <summary>A PNG as a data: address: the Content-Security-Policy allows those images, and no file is left behind.</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
