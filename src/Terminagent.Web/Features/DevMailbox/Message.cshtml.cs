using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Email;

namespace Terminagent.Web.Features.DevMailbox;

/// <summary>One email of the folder transport, its links clickable so flows can be followed in development.</summary>
public sealed partial class MessageModel(IOptions<MailOptions> options, FolderMailTransport folder, City city, IStringLocalizer<DevMailboxTexts> t) : PageModel
{
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Date { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string MessageId { get; private set; } = "";
    public IReadOnlyList<BodySegment> Body { get; private set; } = [];
    public string Id { get; private set; } = "";
    public IReadOnlyList<MailboxAttachment> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!Mailbox.IsOpenTo(HttpContext, options.Value))
        {
            return NotFound();
        }

        var path = Mailbox.Find(folder.Folder, id);
        if (path is null)
        {
            return NotFound();
        }

        var message = await MimeMessage.LoadAsync(path, ct);
        From = message.From.ToString();
        To = message.To.ToString();
        Date = Mailbox.FormatTime(message.Date, Mailbox.ZoneOf(city)) + " " + Mailbox.ZoneOf(city).Id;
        Subject = message.Subject ?? "";
        MessageId = message.MessageId ?? "";
        Body = Segments(message.TextBody ?? "");
        Id = id;
        Attachments = Mailbox.AttachmentsOf(message).Select(Mailbox.Describe).ToList();
        return Page();
    }

    /// <summary>"812 Bytes" or "1,4 KB": an attachment's size as people read it.</summary>
    public string SizeText(long bytes) => bytes < 1024
        ? t["Message.Bytes", bytes]
        : (bytes / 1024.0).ToString("0.0", CultureInfo.CurrentCulture) + " KB";

    /// <summary>The body as HTML: text encoded, every http(s) URL a link.</summary>
    public IHtmlContent BodyHtml()
    {
        var html = new HtmlContentBuilder();
        foreach (var segment in Body)
        {
            if (segment.IsLink)
            {
                var link = new TagBuilder("a");
                link.Attributes["href"] = segment.Text;
                link.InnerHtml.Append(segment.Text);
                html.AppendHtml(link);
            }
            else
            {
                html.Append(segment.Text);
            }
        }

        return html;
    }

    /// <summary>Splits text into plain runs and http(s) URLs; punctuation that ends a sentence stays outside the URL.</summary>
    public static IReadOnlyList<BodySegment> Segments(string text)
    {
        var segments = new List<BodySegment>();
        var position = 0;
        foreach (Match match in UrlPattern().Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            if (match.Index > position)
            {
                segments.Add(new BodySegment(text[position..match.Index], IsLink: false));
            }

            segments.Add(new BodySegment(url, IsLink: true));
            position = match.Index + url.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new BodySegment(text[position..], IsLink: false));
        }

        return segments;
    }

    [GeneratedRegex(@"\bhttps?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}

public sealed record BodySegment(string Text, bool IsLink);
