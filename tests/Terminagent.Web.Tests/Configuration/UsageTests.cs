using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Configuration;

/// <summary>
/// <c>--help</c> and <c>-h</c> print the commands, the main settings and where the README explains
/// them, and exit 0, instead of starting the server; every other command line runs as before.
/// </summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsTheCommandsAndSettings_AndExits0(string flag)
    {
        // A setting the app could not start with: the usage does not depend on the configuration.
        var (exitCode, output, errors) = await Processes.RunAppAsync(
            ["--Database:Provider=Postgres", flag], new() { ["Mail__Transport"] = "Smtp" }, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, errors);
        foreach (var command in new[] { "create-admin <email>", "affected-bookings", "routes", "backup <file>", "restore <file>" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }

        Assert.Contains("--Database:Provider=Postgres", output, StringComparison.Ordinal);
        Assert.Contains("--urls=", output, StringComparison.Ordinal);
        Assert.Contains("README.md explains them: \"Configuration\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HelpOfACommand_NamesItsArgumentsAndOptions()
    {
        var (exitCode, output, _) = await Processes.RunAppAsync(["restore", "--help"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Contains("restore <file> [options]", output, StringComparison.Ordinal);
        Assert.Contains("--force", output, StringComparison.Ordinal);
        Assert.Contains("Stop the app first.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls=http://127.0.0.1:0", "--Database:Provider=Postgres")]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("create-admin", "ada@staff.demostadt.example", "Ada Admin")]
    [InlineData("backup", "terminagent.db", "--Database:ConnectionString=Data Source=x.db")]
    [InlineData("routes", "--json")]
    public void AnyOtherCommandLine_IsLeftToTheApp(params string[] args)
    {
        using var output = new StringWriter();

        Assert.Null(Usage.ShowIfAsked(args, output));
        Assert.Empty(output.ToString());
    }
}
