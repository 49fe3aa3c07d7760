using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Terminagent.Testing;

/// <summary>
/// A real SMTP server for a test: scripts/smtp_sink.py on a port of its own, writing every message
/// it accepts as an .eml file into <see cref="Folder"/>. Killed on dispose.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string PythonVariable = "TERMINAGENT_SMTP_PYTHON";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly Task drainOutput;

    private SmtpSink(Process process, Task drainOutput, int port, string folder)
    {
        this.process = process;
        this.drainOutput = drainOutput;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>A port nothing listens on right now (to start a server on later, or to find none).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SmtpSink> StartAsync(string folder, int port = 0)
    {
        var python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured : "/usr/bin/python3";
        var script = Path.Combine(RepositoryRoot(), "scripts", "smtp_sink.py");
        if (!File.Exists(python))
        {
            throw new InvalidOperationException(
                $"The SMTP tests need Python with aiosmtpd at {python} (set {PythonVariable} to another one). " +
                "On Debian: apt-get install python3-aiosmtpd, or run scripts/test.sh, which installs it.");
        }

        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", folder })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python} {script}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    break;
                }

                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    var actualPort = int.Parse(line["ready ".Length..], CultureInfo.InvariantCulture);
                    var drain = Task.Run(async () =>
                    {
                        while (await process.StandardOutput.ReadLineAsync() is not null)
                        {
                        }
                    });
                    return new SmtpSink(process, drain, actualPort, folder);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Stop(process);
        await process.WaitForExitAsync();
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString().Trim();
        }

        throw new InvalidOperationException(
            $"The SMTP test server ({python} {script}) did not report \"ready\" within {StartTimeout.TotalSeconds} s. " +
            $"Is python3-aiosmtpd installed? Its error output: {stderr}");
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Folder, "*.eml")
            .Where(path => !Path.GetFileName(path).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(path => MimeMessage.Load(path))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        Stop(process);
        await process.WaitForExitAsync();
        await drainOutput;
        process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "smtp_sink.py")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"scripts/smtp_sink.py not found above {AppContext.BaseDirectory}.");
    }
}
