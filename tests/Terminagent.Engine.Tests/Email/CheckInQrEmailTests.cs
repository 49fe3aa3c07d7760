using MimeKit;
using Terminagent.Data;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Email;

/// <summary>The confirmation email carries the booking code as a QR code, for the kiosk's scanner.</summary>
public sealed class CheckInQrEmailTests
{
    [Fact]
    public async Task ConfirmationEmail_CarriesTheBookingCodeAsQrCode_AndSaysWhereToShowIt()
    {
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite);
        var time = await Scenario.FirstFreeTimeAsync(app);
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Muster", "erika@example.org", null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var request = Assert.Single(await app.DeliverMailAsync());
        Assert.DoesNotContain(request.Attachments, a => a.ContentType.MimeType == "image/png");

        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(Scenario.TokenIn(request, "/confirm/"), default));
        var confirmation = (await app.DeliverMailAsync()).Single(m => m.MessageId != request.MessageId);

        var code = confirmed.Booking!.Code;
        var qr = Assert.Single(confirmation.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "image/png");
        Assert.Equal($"checkin-{code}.png", qr.FileName);
        using var png = new MemoryStream();
        await qr.Content!.DecodeToAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.ToArray()[..4]);
        Assert.Contains(confirmation.Attachments.OfType<MimePart>(), a => a.FileName == "termin.ics");
        Assert.Contains("QR-Code im Anhang am Kiosk oder am Schalter", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains(code, confirmation.TextBody, StringComparison.Ordinal);
    }
}
