using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Terminagent.Trust.Infrastructure;

/// <summary>
/// The real app as a child process (<c>dotnet Terminagent.Web.dll</c>) on a port of its own, with
/// its settings as environment variables: killed with SIGKILL, or stopped, and started again.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;
    private bool disposed;

    private AppProcess(Process process, StringBuilder output, int port)
    {
        this.process = process;
        this.output = output;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => disposed || process.HasExited;

    /// <summary>The last lines the app wrote, to explain a failure.</summary>
    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                var text = output.ToString();
                return text.Length <= 4000 ? text : text[^4000..];
            }
        }
    }

    /// <summary>The environment variable naming the folder with the built Terminagent.Web.dll, when no folder is given.</summary>
    public const string FolderVariable = "TERMINAGENT_APP_FOLDER";

    /// <summary>
    /// The folder with the built app: <paramref name="given"/> (the tool's <c>--app</c>, a test's
    /// own output folder), else <see cref="FolderVariable"/>, else the repository's Release build
    /// of src/Terminagent.Web (under TERMINAGENT_ARTIFACTS when that is set, as Directory.Build.props puts it).
    /// </summary>
    public static string Folder(string? given = null)
    {
        string folder, from;
        if (!string.IsNullOrWhiteSpace(given))
        {
            (folder, from) = (given, "the folder given");
        }
        else if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured)
        {
            (folder, from) = (configured, FolderVariable);
        }
        else if (Environment.GetEnvironmentVariable("TERMINAGENT_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            (folder, from) = (Path.Combine(artifacts, "bin", "Terminagent.Web", "release"), "the default under TERMINAGENT_ARTIFACTS");
        }
        else
        {
            (folder, from) = (Path.Combine(Repository.Root(), "src", "Terminagent.Web", "bin", "Release", "net10.0"), "the default");
        }

        folder = Path.GetFullPath(folder);
        return File.Exists(Path.Combine(folder, "Terminagent.Web.dll"))
            ? folder
            : throw new FileNotFoundException(
                $"Terminagent.Web.dll is not in {folder} ({from}). Build the app (dotnet build src/Terminagent.Web -c Release) "
                + $"or name the folder of a build: --app <folder> or {FolderVariable}.");
    }

    /// <summary>
    /// Runs one of the app's commands (<c>routes --json</c>, see src/Terminagent.Web/StaffCommands.cs)
    /// to its end with logging off, so what it prints is all its output.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IReadOnlyList<string> arguments, string? appFolder = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);

        // The content root is the working folder: a --contentRoot after the command's own words
        // could be read as the value of one of them (--json).
        var start = NewStartInfo(appFolder);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "None";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet Terminagent.Web.dll.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"`Terminagent.Web.dll {string.Join(' ', arguments)}` did not end within 2 minutes.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the app built in <paramref name="appFolder"/> (see <see cref="Folder"/>), content root
    /// src/Terminagent.Web, and waits until /health answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? appFolder = null, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        port = port == 0 ? FreePort() : port;
        var start = NewStartInfo(appFolder);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Repository.WebContentRoot());
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet Terminagent.Web.dll.");
        var output = new StringBuilder();
        DataReceivedEventHandler keep = (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, port);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(90), ct);
        return app;
    }

    /// <summary><c>dotnet Terminagent.Web.dll</c> in production, run from the app's content root in the repository.</summary>
    private static ProcessStartInfo NewStartInfo(string? appFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.WebContentRoot(),
        };
        start.ArgumentList.Add(Path.Combine(Folder(appFolder), "Terminagent.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        return start;
    }

    private async Task WaitHealthyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was healthy: {RecentOutput}");
            }

            if (timeout.IsCancellationRequested)
            {
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"The app on port {Port} did not become healthy within {limit.TotalSeconds:0} s: {RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                await Task.Delay(200, timeout.Token);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // One request outlasted the client's 5 s (a starting app on a busy machine), or the
                // limit passed: the top of the loop decides which.
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease given back, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (disposed)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Instant(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Kills the app; again is harmless (a caller that failed to start the next instance disposes the last one twice).</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        disposed = true;
        process.Dispose();
    }
}
