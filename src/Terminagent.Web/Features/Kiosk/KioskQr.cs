using QRCoder;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>QR codes as PNG data: URIs, which the Content-Security-Policy allows as images.</summary>
public static class KioskQr
{
    public static string PngDataUri(string text, int pixelsPerModule = 8) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, pixelsPerModule));

    /// <summary>What a ticket's QR code says: enough for a counter to recognise the ticket.</summary>
    public static string TicketPayload(Domain.OfficeDay.Ticket ticket) =>
        $"TA|{ticket.OfficeId}|{ticket.Day:yyyy-MM-dd}|{ticket.Label}";
}
