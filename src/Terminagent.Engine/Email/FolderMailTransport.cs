using MimeKit;

namespace Terminagent.Engine.Email;

/// <summary>
/// Writes each message as <c>&lt;message id&gt;.eml</c> into a folder. The name comes from the
/// Message-Id, so sending the same outbox row again replaces the file instead of adding one.
/// </summary>
public sealed class FolderMailTransport(string folder) : IMailTransport
{
    public const string Extension = ".eml";

    public string Folder { get; } = Path.GetFullPath(folder);

    public Task SendAsync(MimeMessage message, CancellationToken ct) => SendAsync(message, () => Task.CompletedTask, ct);

    public async Task SendAsync(MimeMessage message, Func<Task> accepted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, FileNameFor(message.MessageId));
        var temp = Path.Combine(Folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            await accepted();
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The file name for a Message-Id: letters, digits, '-', '_' and '.' kept, everything else '_'.</summary>
    public static string FileNameFor(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            throw new ArgumentException("A message needs a Message-Id to be written to the folder.", nameof(messageId));
        }

        var name = string.Create(messageId.Length, messageId, static (span, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                var c = id[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
            }
        });
        return name.Replace("..", "__", StringComparison.Ordinal).TrimStart('.') + Extension;
    }
}
