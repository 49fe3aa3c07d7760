using System.Diagnostics;

namespace Terminagent.Web.Tests.Infrastructure;

/// <summary>Runs a program to its end, as an operator would from a shell: the built app's commands, pg_dump, pg_restore.</summary>
public static class Processes
{
    /// <summary>
    /// <c>dotnet Terminagent.Web.dll</c> from this test's output folder (the app it was built with),
    /// logging warnings and errors only, with the settings given as environment variables.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAppAsync(
        IEnumerable<string> args, Dictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        return RunAsync("dotnet", ["Terminagent.Web.dll", .. args], environment, timeout);
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, IEnumerable<string> args, Dictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not exit within {limit}.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
