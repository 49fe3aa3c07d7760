using System.Diagnostics;
using Terminagent.Engine.Cities;

namespace Terminagent.Web.Tests.Configuration;

/// <summary>
/// The built app started as an operator starts it, with a setting it cannot work with: it names
/// the key and what is wrong, prints no stack trace, and exits with EX_CONFIG (78).
/// </summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "config-" + Guid.NewGuid().ToString("N"));

    public ConfigurationErrorTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task SmtpWithoutAHost_NamesTheKey_AndExitsWith78()
    {
        var (exitCode, output, errors) = await RunAppAsync(new() { ["Mail__Transport"] = "Smtp" });

        Assert.Equal(78, exitCode);
        Assert.Contains("Mail:Smtp:Host must be set when Mail:Transport is Smtp.", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output + errors);
    }

    [Fact]
    public async Task CityFileWithAnUnknownTimeZone_NamesTheKey_AndExitsWith78()
    {
        var city = Path.Combine(folder, "city.json");
        var demo = await File.ReadAllTextAsync(CityCatalog.DemoCityFile);
        await File.WriteAllTextAsync(city, demo.Replace("\"Europe/Berlin\"", "\"Europe/Berln\"", StringComparison.Ordinal));

        var (exitCode, output, errors) = await RunAppAsync(new() { ["CityFile"] = city });

        Assert.Equal(78, exitCode);
        Assert.Contains("TimeZone: 'Europe/Berln' is not a time zone of the IANA tz database", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output + errors);
    }

    [Fact]
    public async Task UnreadableClockStartAt_NamesTheKey_AndExitsWith78()
    {
        var (exitCode, output, errors) = await RunAppAsync(new() { ["Clock__StartAt"] = "next-opening-day half past nine" });

        Assert.Equal(78, exitCode);
        Assert.Contains("Clock:StartAt: 'next-opening-day half past nine' needs a local time after next-opening-day, e.g. 'next-opening-day 09:30'.", errors, StringComparison.Ordinal);
        AssertNoStackTrace(output + errors);
    }

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>dotnet Terminagent.Web.dll</c> from this test's output folder (the app it was built with) until it exits.</summary>
    private async Task<(int ExitCode, string Output, string Errors)> RunAppAsync(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", ["Terminagent.Web.dll"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "terminagent.db")}";
        start.Environment["Mail__Folder"] = Path.Combine(folder, "mail");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not exit on a configuration it cannot start with.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
