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

    public bool HasExited => process.HasExited;

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

    /// <summary>
    /// Starts the app built next to this assembly (or <paramref name="appFolder"/>), content root
    /// src/Terminagent.Web, and waits until /health answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? appFolder = null, int port = 0, CancellationToken ct = default)
    {
        port = port == 0 ? FreePort() : port;
        var folder = appFolder ?? AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.WebContentRoot(),
        };
        start.ArgumentList.Add(Path.Combine(folder, "Terminagent.Web.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Repository.WebContentRoot());
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
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

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The app on port {Port} did not become healthy: {RecentOutput}");
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease given back, nothing flushed.</summary>
    public async Task KillAsync()
    {
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

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
