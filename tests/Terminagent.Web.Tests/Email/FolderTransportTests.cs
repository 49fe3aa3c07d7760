using System.Net;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Engine.Email;
using Terminagent.Web.Features.DevMailbox;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Email;

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

    [Theory]
    [InlineData("../secret.eml")]
    [InlineData("..")]
    [InlineData("a/b.eml")]
    [InlineData("a\\b.eml")]
    [InlineData("x..eml")]
    [InlineData(".hidden.eml")]
    [InlineData("message.txt")]
    [InlineData(".eml")]
    [InlineData("")]
    public void MailboxLookup_RejectsNamesOutsideTheListing(string id)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "message.txt"), "x");

        Assert.Null(Mailbox.Find(folder, id));
    }

    [Fact]
    public void BodySegments_LinkOnlyHttpUrls_AndKeepSentencePunctuationOutside()
    {
        var segments = MessageModel.Segments("Bitte bestätigen: https://termine.example/b/abc?x=1&y=2. Oder javascript:alert(1) ftp://x");

        Assert.Equal(
            [
                new BodySegment("Bitte bestätigen: ", false),
                new BodySegment("https://termine.example/b/abc?x=1&y=2", true),
                new BodySegment(". Oder javascript:alert(1) ftp://x", false),
            ],
            segments);
    }

    [Fact]
    public async Task DevMailbox_ListsMessages_AndShowsOneWithClickableLinks()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var row = Seed.OutboxRow(
            "Bitte bestätigen Sie Ihren Termin",
            "Guten Tag,\n\nbitte bestätigen: https://termine.demostadt.example/b/tok?x=1&y=2.\n<script>alert(1)</script>");
        await new FolderMailTransport(app.MailFolder).SendAsync(builder.Build(row), CancellationToken.None);
        var fileName = FolderMailTransport.FileNameFor(row.MessageId);
        using var client = app.CreateClient();

        var list = await client.GetStringAsync("/dev/mailbox");
        Assert.Contains("Postfach", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/dev/mailbox/{fileName}\"", list, StringComparison.Ordinal);
        Assert.Contains("Bitte best", list, StringComparison.Ordinal);
        Assert.Contains("erika.mustermann@example.org", list, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">", list, StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/dev/mailbox/{fileName}?lang=en-GB");
        Assert.Contains("<a href=\"https://termine.demostadt.example/b/tok?x=1&amp;y=2\">https://termine.demostadt.example/b/tok?x=1&amp;y=2</a>.", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains(row.MessageId, page, StringComparison.Ordinal);
        Assert.Contains("Back to the mailbox", page, StringComparison.Ordinal);
        Assert.Contains("termin.ics", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/missing.eml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/..%2F..%2Fcity.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/..%5Csecret.eml")).StatusCode);
    }

    [Fact]
    public async Task DevMailbox_IsNotFound_WhenMailGoesOutOverSmtp()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new()
        {
            ["Mail:Transport"] = "Smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
        });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox")).StatusCode);
    }

    [Theory]
    [InlineData("/dev/mailbox")]
    [InlineData("/dev/mailbox/any.eml")]
    public async Task DevMailbox_IsNotFound_FromAnotherMachine_UnlessConfigured(string path)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await using var open = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new() { ["Mail:DevMailboxForOtherMachines"] = "true" });

        Assert.Equal(404, (await FromAnotherMachineAsync(app, "/dev/mailbox")).Response.StatusCode);
        Assert.Equal(404, (await FromAnotherMachineAsync(app, path)).Response.StatusCode);
        Assert.Equal(200, (await FromAnotherMachineAsync(open, "/dev/mailbox")).Response.StatusCode);
    }

    private static Task<Microsoft.AspNetCore.Http.HttpContext> FromAnotherMachineAsync(TestApp app, string path) =>
        app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        });
}
