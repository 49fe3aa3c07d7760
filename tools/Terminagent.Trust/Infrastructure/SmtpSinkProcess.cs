using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Terminagent.Trust.Infrastructure;

/// <summary>
/// scripts/smtp_sink.py (aiosmtpd) on a port: a real SMTP server writing each accepted message as
/// an .eml file. Stopped on dispose; can be started again on the same port and folder.
/// </summary>
public sealed class SmtpSinkProcess : IAsyncDisposable
{
    public const string PythonVariable = "TERMINAGENT_SMTP_PYTHON";

    private readonly Process process;

    private SmtpSinkProcess(Process process, int port, string folder)
    {
        this.process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SmtpSinkProcess> StartAsync(string folder, int port = 0)
    {
        var python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured : "/usr/bin/python3";
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(Repository.Root(), "scripts", "smtp_sink.py"), "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", folder })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    // Keep reading its "received" lines, or the pipe fills and the server stalls.
                    _ = Task.Run(async () =>
                    {
                        while (await process.StandardOutput.ReadLineAsync() is not null)
                        {
                        }
                    });
                    return new SmtpSinkProcess(process, int.Parse(line["ready ".Length..], CultureInfo.InvariantCulture), folder);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The SMTP sink ({python} scripts/smtp_sink.py) did not start: is python3-aiosmtpd installed?");
    }

    /// <summary>The Message-Id of every message in <paramref name="folder"/>, one entry per delivery.</summary>
    public static IReadOnlyList<string> MessageIdsIn(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Where(p => !Path.GetFileName(p).StartsWith('.'))
                .Select(p => MimeMessage.Load(p).MessageId ?? "").ToList()
            : [];

    public static int CountIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Count(p => !Path.GetFileName(p).StartsWith('.')) : 0;

    public async ValueTask DisposeAsync()
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

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
