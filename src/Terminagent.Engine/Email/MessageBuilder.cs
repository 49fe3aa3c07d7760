using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using QRCoder;
using Terminagent.Data.Email;

namespace Terminagent.Engine.Email;

/// <summary>Turns an outbox row into the MIME message that is sent, the same bytes on every retry.</summary>
public sealed class MessageBuilder(IOptions<MailOptions> options)
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

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, row.TextBody);

        if (row.AttachmentContent is null && row.CheckInCode is null)
        {
            message.Body = text;
            return message;
        }

        var mixed = new Multipart("mixed") { text };
        if (row.AttachmentContent is not null)
        {
            mixed.Add(Attachment(row));
        }

        if (row.CheckInCode is not null)
        {
            mixed.Add(CheckInQrCode(row.CheckInCode));
        }

        message.Body = mixed;
        return message;
    }

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
