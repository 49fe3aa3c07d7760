using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MimeKit;
using Terminagent.Engine.Email;

namespace Terminagent.Web.Features.DevMailbox;

/// <summary>
/// One attachment of a mailbox email, by the message's file and the attachment's place in it (its
/// name is never looked up). Pictures open in the browser; anything else, the .ics first, downloads.
/// </summary>
public sealed class AttachmentModel(IOptions<MailOptions> options, FolderMailTransport folder) : PageModel
{
    /// <summary>What may show inline: pictures a browser draws without running anything (no SVG).</summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    public async Task<IActionResult> OnGetAsync(string id, int index, CancellationToken ct)
    {
        if (!Mailbox.IsOpenTo(HttpContext, options.Value) || Mailbox.Find(folder.Folder, id) is not { } path)
        {
            return NotFound();
        }

        var attachments = Mailbox.AttachmentsOf(await MimeMessage.LoadAsync(path, ct));
        if (index < 0 || index >= attachments.Count)
        {
            return NotFound();
        }

        var part = attachments[index];
        var type = part.ContentType.MimeType;
        var disposition = new ContentDispositionHeaderValue(InlineTypes.Contains(type) ? "inline" : "attachment");
        disposition.SetHttpFileName(Mailbox.FileNameOf(part, index));
        Response.Headers.ContentDisposition = disposition.ToString();
        var contentType = part.ContentType.Charset is { Length: > 0 } charset && charset.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"{type}; charset={charset}"
            : type;
        return File(Mailbox.Decode(part), contentType);
    }
}
