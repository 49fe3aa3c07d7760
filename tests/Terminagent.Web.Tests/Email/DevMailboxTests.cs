using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using MimeKit;
using Terminagent.Data;
using Terminagent.Engine.Email;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Web.Tests.Email;

/// <summary>
/// The development mailbox says how soon emails arrive and reloads its list by itself; a message's
/// attachments are listed and open: the .ics downloads as a calendar, the check-in QR code shows as a picture.
/// </summary>
public sealed partial class DevMailboxTests
{
    [Fact]
    public async Task List_SaysEmailsArriveWithinSeconds_AndReloadsItself_InGermanAndEnglish()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var german = await client.GetStringAsync("/dev/mailbox");
        var english = await client.GetStringAsync("/dev/mailbox?lang=en");

        Assert.Contains("Eine E-Mail erscheint hier wenige Sekunden nach dem, was sie auslöst (der Versand läuft alle 5 Sekunden).", german, StringComparison.Ordinal);
        Assert.Contains("Die Liste aktualisiert sich alle 10 Sekunden von selbst.", german, StringComparison.Ordinal);
        Assert.Contains("An email appears here a few seconds after what triggers it (sending runs every 5 seconds).", english, StringComparison.Ordinal);
        foreach (var html in new[] { german, english })
        {
            var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
            Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>", head, StringComparison.Ordinal);
            Assert.Matches("<script src=\"/js/dev-mailbox.js\\?v=[^\"]+\" defer></script>", head);
        }
    }

    [Fact]
    public async Task ConfirmationEmail_ListsItsAttachments_IcsDownloadsAsCalendar_QrCodeOpensAsPng()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (booking, _) = await BookTodayAsync(app);
        var confirmation = Assert.Single(await app.DeliverMailAsync(), m => m.Attachments.Any(a => a.ContentType.MimeType == "text/calendar"));
        var id = FolderMailTransport.FileNameFor(confirmation.MessageId);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync($"/dev/mailbox/{id}");
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        var rows = AttachmentRow().Matches(page).Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Name: m.Groups[2].Value, Type: m.Groups[3].Value + "/" + m.Groups[4].Value, Size: m.Groups[5].Value)).ToList();
        Assert.Equal(2, rows.Count);
        var ics = Assert.Single(rows, r => r.Type == "text/calendar");
        var png = Assert.Single(rows, r => r.Type == "image/png");
        Assert.Equal(($"/dev/mailbox/{id}/attachments/0", "termin.ics"), (ics.Href, ics.Name));
        Assert.Equal(($"/dev/mailbox/{id}/attachments/1", $"checkin-{booking.Code}.png"), (png.Href, png.Name));
        Assert.Matches("^[0-9]+(,[0-9])? (Bytes|KB)$", ics.Size);

        using var calendarFile = await client.GetAsync(ics.Href);
        Assert.Equal(HttpStatusCode.OK, calendarFile.StatusCode);
        Assert.Equal("text/calendar", calendarFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", calendarFile.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("termin.ics", calendarFile.Content.Headers.ContentDisposition?.FileName);
        var appointment = Assert.Single(Calendar.Load(await calendarFile.Content.ReadAsStringAsync())!.Events);
        Assert.Equal(booking.Start.ToDateTimeUtc(), appointment.Start!.AsUtc);

        using var qrCode = await client.GetAsync(png.Href);
        Assert.Equal(HttpStatusCode.OK, qrCode.StatusCode);
        Assert.Equal("image/png", qrCode.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", qrCode.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await qrCode.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var stored = (MimePart)confirmation.Attachments.Single(a => a.ContentType.MimeType == "image/png");
        using var original = new MemoryStream();
        await stored.Content!.DecodeToAsync(original);
        Assert.Equal(original.ToArray(), bytes);
    }

    [Theory]
    [InlineData("/attachments/2")]
    [InlineData("/attachments/-1")]
    [InlineData("/attachments/termin.ics")]
    [InlineData("/../../city.json")]
    public async Task Attachments_AreAddressedByIndexOnly_AnythingElseIsNotFound(string suffix)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await BookTodayAsync(app);
        var confirmation = Assert.Single(await app.DeliverMailAsync(), m => m.Attachments.Any());
        var id = FolderMailTransport.FileNameFor(confirmation.MessageId);
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/dev/mailbox/{id}{suffix}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var traversal = await client.GetAsync("/dev/mailbox/..%2F..%2Fcity.json/attachments/0");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [GeneratedRegex("<td><a href=\"([^\"]+/attachments/[0-9]+)\">([^<]+)</a></td>\\s*<td><code>([^<]+)/<wbr>([^<]+)</code></td>\\s*<td>([^<]+)</td>")]
    private static partial Regex AttachmentRow();
}
