using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using QRCoder;
using Terminagent.Data.Email;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Email;

/// <summary>Turns an outbox row into the MIME message that is sent, the same bytes on every retry.</summary>
public sealed partial class MessageBuilder(IOptions<MailOptions> options)
{
    public const string DefaultAttachmentName = "termin.ics";

    private const int CheckInPixelsPerModule = 10;

    public MimeMessage Build(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var mail = options.Value;
        RejectLineBreaks(row.ToAddress, nameof(row.ToAddress));
        RejectLineBreaks(row.ToName, nameof(row.ToName));
        RejectLineBreaks(row.Subject, nameof(row.Subject));
        RejectLineBreaks(row.MessageId, nameof(row.MessageId));
        RejectLineBreaks(row.AttachmentName, nameof(row.AttachmentName));
        RejectLineBreaks(row.AttachmentContentType, nameof(row.AttachmentContentType));

        var message = new MimeMessage
        {
            Subject = row.Subject,
            Date = row.CreatedAt.ToDateTimeOffset(),
            MessageId = row.MessageId,
        };
        message.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.To.Add(new MailboxAddress(row.ToName, RecipientAddress(row.ToAddress)));

        var language = Languages.Normalise(row.Language);

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, row.TextBody);
        MimeEntity content = text;
        if (Languages.IsRightToLeft(language))
        {
            // Plain text has no direction; mail clients lay out the HTML alternative right to left.
            var alternative = new MultipartAlternative { text, RightToLeftHtml(row, language) };
            alternative.Boundary = Boundary(row, "alternative");
            content = alternative;
        }

        if (row.AttachmentContent is null && row.CheckInCode is null)
        {
            message.Body = Say(content, language);
            return message;
        }

        var mixed = new Multipart("mixed") { content };
        mixed.Boundary = Boundary(row, "mixed");
        if (row.AttachmentContent is not null)
        {
            mixed.Add(Attachment(row));
        }

        if (row.CheckInCode is not null)
        {
            mixed.Add(CheckInQrCode(row.CheckInCode));
        }

        message.Body = Say(mixed, language);
        return message;
    }

    /// <summary>The language of the whole message, on its outermost entity, where MIME keeps Content- headers.</summary>
    private static MimeEntity Say(MimeEntity body, string language)
    {
        body.Headers.Add(HeaderId.ContentLanguage, language);
        return body;
    }

    /// <summary>Boundaries drawn from the row rather than at random, so a retry sends the same bytes.</summary>
    private static string Boundary(OutboxMessage row, string kind) => $"=-{kind}-{row.Id:N}";

    /// <summary>
    /// The text as HTML for a right-to-left language: encoded, one line per line, links as links, and
    /// every run of Latin letters and digits (times, dates, codes, addresses, names) isolated left to right.
    /// </summary>
    private static TextPart RightToLeftHtml(OutboxMessage row, string language)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\r\n<html lang=\"").Append(language).Append("\" dir=\"rtl\">\r\n<head>\r\n<meta charset=\"utf-8\">\r\n<title>")
            .Append(Encode(row.Subject)).Append("</title>\r\n</head>\r\n<body dir=\"rtl\" style=\"text-align: start\">\r\n<p>");
        var lines = row.TextBody.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>\r\n");
            }

            html.Append(LeftToRightRuns.Replace(lines[i], Isolate));
        }

        html.Append("</p>\r\n</body>\r\n</html>\r\n");
        var part = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, html.ToString());
        return part;
    }

    private static string Isolate(Match match)
    {
        var value = Encode(match.Value);
        return match.Groups["url"].Success
            ? $"<a href=\"{value}\" dir=\"ltr\">{value}</a>"
            : $"<bdi dir=\"ltr\">{value}</bdi>";
    }

    /// <summary>Only what HTML text and quoted attributes need; the text's own letters stay as they are.</summary>
    private static string Encode(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// The booking code as a QR code the office's kiosk or counter scanner reads. Drawn from the
    /// row on every attempt, it comes out the same each time (QRCoder needs no System.Drawing).
    /// </summary>
    private static MimePart CheckInQrCode(string code)
    {
        RejectLineBreaks(code, nameof(OutboxMessage.CheckInCode));
        var png = PngByteQRCodeHelper.GetQRCode(code, QRCodeGenerator.ECCLevel.M, CheckInPixelsPerModule);
        var fileName = $"checkin-{code}.png";
        return new MimePart("image", "png")
        {
            Content = new MimeContent(new MemoryStream(png)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };
    }

    [GeneratedRegex(@"(?<url>https?://[^\s<>""]+)|[0-9A-Za-z\u00C0-\u024F](?:[0-9A-Za-z\u00C0-\u024F .,:;/@+#()'\-–]*[0-9A-Za-z\u00C0-\u024F)])?")]
    private static partial Regex LeftToRightRunsPattern();

    private static readonly Regex LeftToRightRuns = LeftToRightRunsPattern();

    private static TextPart Attachment(OutboxMessage row)
    {
        var contentType = string.IsNullOrWhiteSpace(row.AttachmentContentType)
            ? CalendarFile.ContentType
            : row.AttachmentContentType;
        if (!ContentType.TryParse(contentType, out var type) || !type.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unsupported attachment content type '{contentType}'.");
        }

        var fileName = string.IsNullOrWhiteSpace(row.AttachmentName) ? DefaultAttachmentName : row.AttachmentName;
        var part = new TextPart(type.MediaSubtype)
        {
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        foreach (var parameter in type.Parameters)
        {
            part.ContentType.Parameters[parameter.Name] = parameter.Value;
        }

        part.SetText(Encoding.UTF8, row.AttachmentContent!);
        part.ContentType.Name = fileName;
        return part;
    }

    private static string RecipientAddress(string address)
    {
        if (!MailboxAddress.TryParse(address, out var parsed) || parsed.Address != address.Trim())
        {
            throw new InvalidOperationException("The recipient is not a valid email address.");
        }

        return parsed.Address;
    }

    private static void RejectLineBreaks(string? value, string field)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new InvalidOperationException($"{field} must not contain line breaks.");
        }
    }
}
