using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Email;
using Terminagent.Web.Features.Abuse;

namespace Terminagent.Web.Features.DevMailbox;

/// <summary>Lists the emails the folder transport wrote, newest first; there is no such page with SMTP.</summary>
public sealed class IndexModel(IOptions<MailOptions> options, FolderMailTransport folder, City city) : PageModel
{
    public const int MaxShown = 500;

    /// <summary>How often the list reloads itself, so a mail the worker just wrote shows up without a click.</summary>
    public const int RefreshSeconds = 10;

    /// <summary>How often the outbox worker sends: at most this long after an action its email is here.</summary>
    public int SendEverySeconds => options.Value.PollSeconds;

    public IReadOnlyList<MailboxEntry> Messages { get; private set; } = [];

    public string ZoneId { get; private set; } = "UTC";

    public IActionResult OnGet()
    {
        if (!Mailbox.IsOpenTo(HttpContext, options.Value))
        {
            return NotFound();
        }

        var zone = Mailbox.ZoneOf(city);
        ZoneId = zone.Id;
        Messages = Mailbox.List(folder.Folder, zone, MaxShown);
        return Page();
    }
}

public sealed record MailboxEntry(string Id, DateTimeOffset Sent, string Time, string To, string Subject);

/// <summary>An attachment as the message page lists it: addressed by its place among the message's attachments, never by its name.</summary>
public sealed record MailboxAttachment(int Index, string FileName, string MediaType, long Size);

/// <summary>Reading the mail folder: listing, looking up a file safely, formatting times.</summary>
public static class Mailbox
{
    /// <summary>Only with the folder transport, and only to this machine unless configured otherwise.</summary>
    public static bool IsOpenTo(HttpContext http, MailOptions options) =>
        options.Transport == MailTransportKind.Folder
        && (options.DevMailboxForOtherMachines || ClientAddress.IsThisMachine(http));

    public static DateTimeZone ZoneOf(City city) => city.Offices.Count > 0 ? city.Offices[0].Zone : DateTimeZone.Utc;

    public static string FormatTime(DateTimeOffset moment, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(moment).InZone(zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static IReadOnlyList<MailboxEntry> List(string folder, DateTimeZone zone, int max)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return new DirectoryInfo(folder).EnumerateFiles("*" + FolderMailTransport.Extension)
            .Where(f => IsMailFileName(f.Name))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Take(max)
            .Select(f => Entry(f, zone))
            .OfType<MailboxEntry>()
            .OrderByDescending(e => e.Sent)
            .ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The full path of a message named in a URL, or null unless it is a file of the folder.</summary>
    public static string? Find(string folder, string? id)
    {
        if (string.IsNullOrEmpty(id) || !IsMailFileName(id) || !Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateFiles(folder, "*" + FolderMailTransport.Extension)
            .FirstOrDefault(path => string.Equals(Path.GetFileName(path), id, StringComparison.Ordinal));
    }

    /// <summary>The attachments of a message, in order; an attachment's index here is its address.</summary>
    public static IReadOnlyList<MimePart> AttachmentsOf(MimeMessage message) => message.Attachments.OfType<MimePart>().ToList();

    public static MailboxAttachment Describe(MimePart part, int index) =>
        new(index, FileNameOf(part, index), part.ContentType.MimeType, Decode(part).LongLength);

    /// <summary>The name to offer: the part's own, else one made from its place and type.</summary>
    public static string FileNameOf(MimePart part, int index) =>
        part.FileName is { Length: > 0 } name ? Path.GetFileName(name) : $"attachment-{index + 1}.{part.ContentType.MediaSubtype}";

    public static byte[] Decode(MimePart part)
    {
        using var decoded = new MemoryStream();
        part.Content?.DecodeTo(decoded);
        return decoded.ToArray();
    }

    public static bool IsMailFileName(string name) =>
        name.Length > FolderMailTransport.Extension.Length
        && name.EndsWith(FolderMailTransport.Extension, StringComparison.Ordinal)
        && !name.StartsWith('.')
        && !name.Contains('/', StringComparison.Ordinal)
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains("..", StringComparison.Ordinal)
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    private static MailboxEntry? Entry(FileInfo file, DateTimeZone zone)
    {
        try
        {
            var message = MimeMessage.Load(file.FullName);
            var sent = message.Date == DateTimeOffset.MinValue ? new DateTimeOffset(file.LastWriteTimeUtc) : message.Date;
            return new MailboxEntry(file.Name, sent, FormatTime(sent, zone), message.To.ToString(), message.Subject ?? "");
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
