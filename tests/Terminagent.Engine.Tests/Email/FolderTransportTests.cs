using Microsoft.Extensions.Options;
using Terminagent.Engine.Email;

namespace Terminagent.Engine.Tests.Email;

/// <summary>The folder transport and the messages it writes (the dev mailbox that shows them: Web.Tests).</summary>
public sealed class FolderTransportTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "folder-" + Guid.NewGuid().ToString("N"));
    private readonly MessageBuilder builder = new(Options.Create(new MailOptions()));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SameRowWrittenTwice_LeavesOneFile()
    {
        var transport = new FolderMailTransport(folder);
        var row = Seed.OutboxRow("Terminbestätigung", "Hallo");

        await transport.SendAsync(builder.Build(row), CancellationToken.None);
        await transport.SendAsync(builder.Build(row), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(FolderMailTransport.FileNameFor(row.MessageId), Path.GetFileName(file));
        Assert.Equal(row.MessageId, MimeKit.MimeMessage.Load(file).MessageId);
    }

    [Fact]
    public void HeaderInjection_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => builder.Build(Seed.OutboxRow("Termin\r\nBcc: victim@example.org", "x")));
        Assert.Throws<InvalidOperationException>(() => builder.Build(Seed.OutboxRow("Termin", "x", toName: "Erika\nBcc: victim@example.org")));
        Assert.Throws<InvalidOperationException>(() => builder.Build(Seed.OutboxRow("Termin", "x", toAddress: "erika@example.org, victim@example.org")));
    }

    [Fact]
    public void Options_NameTheKeyThatIsWrong()
    {
        var result = new MailOptionsValidator().Validate(null, new MailOptions { Transport = MailTransportKind.Smtp });

        Assert.True(result.Failed);
        Assert.Contains("Mail:Smtp:Host must be set when Mail:Transport is Smtp", result.FailureMessage, StringComparison.Ordinal);
    }
}
