using Microsoft.Extensions.Options;
using MimeKit;

namespace Terminagent.Engine.Email;

public enum MailTransportKind
{
    /// <summary>Writes every message as an .eml file (development; read them at /dev/mailbox).</summary>
    Folder,

    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTlsWhenAvailable,
    StartTls,
    SslOnConnect,
}

public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailTransportKind Transport { get; set; } = MailTransportKind.Folder;

    /// <summary>Where the folder transport writes; relative paths are taken from the content root.</summary>
    public string Folder { get; set; } = "data/mail";

    public string FromAddress { get; set; } = "termine@demostadt.example";

    public string FromName { get; set; } = "Bürgerbüros Demostadt";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Whether /dev/mailbox (folder transport only) also answers other machines than this one. Off by
    /// default: the mailbox shows every citizen's emails and the secrets in their links.
    /// </summary>
    public bool DevMailboxForOtherMachines { get; set; }

    /// <summary>Pause between two rounds of the outbox worker.</summary>
    public int PollSeconds { get; set; } = 5;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    /// <summary>Authenticates when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.FromAddress) || HasLineBreak(options.FromAddress)
            || !MailboxAddress.TryParse(options.FromAddress, out var from) || from.Address != options.FromAddress.Trim())
        {
            errors.Add("Mail:FromAddress must be a plain email address such as termine@stadt.example.");
        }

        if (HasLineBreak(options.FromName))
        {
            errors.Add("Mail:FromName must not contain line breaks.");
        }

        if (options.PollSeconds is < 1 or > 3600)
        {
            errors.Add("Mail:PollSeconds must be between 1 and 3600.");
        }

        switch (options.Transport)
        {
            case MailTransportKind.Folder:
                if (string.IsNullOrWhiteSpace(options.Folder))
                {
                    errors.Add("Mail:Folder must be set when Mail:Transport is Folder.");
                }

                break;
            case MailTransportKind.Smtp:
                ValidateSmtp(options.Smtp, errors);
                break;
            default:
                errors.Add("Mail:Transport must be Folder or Smtp.");
                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateSmtp(SmtpOptions smtp, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            errors.Add("Mail:Smtp:Host must be set when Mail:Transport is Smtp.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            errors.Add("Mail:Smtp:Port must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            errors.Add("Mail:Smtp:Security must be None, StartTlsWhenAvailable, StartTls or SslOnConnect.");
        }

        if (string.IsNullOrEmpty(smtp.Username) && !string.IsNullOrEmpty(smtp.Password))
        {
            errors.Add("Mail:Smtp:Username must be set when Mail:Smtp:Password is.");
        }

        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Mail:Smtp:TimeoutSeconds must be between 1 and 600.");
        }
    }

    private static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;
}
