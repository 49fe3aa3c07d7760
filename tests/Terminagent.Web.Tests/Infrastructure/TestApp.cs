using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Email;

namespace Terminagent.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a real database with a fake clock: background workers are off, so a test
/// decides when mail is sent and holds lapse. Emails land as .eml files in a folder of its own.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>, ITestHost
{
    /// <summary>Monday 30 November 2026, 10:00 in Demostadt: after the day's releases.</summary>
    public static readonly Instant DefaultStart = TestCities.DefaultStart;

    private readonly Dictionary<string, string?> settings;
    private readonly string? cityFile;
    private readonly bool ownsDatabase;
    private readonly Action<IWebHostBuilder>? configure;

    private TestApp(TestDatabase database, bool ownsDatabase, Instant now, string? cityFile, Dictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    {
        this.configure = configure;
        Database = database;
        this.ownsDatabase = ownsDatabase;
        this.cityFile = cityFile;
        Time = new FakeTimeProvider(now.ToDateTimeOffset());
        MailFolder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(MailFolder);
        this.settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Folder",
            ["Mail:Folder"] = MailFolder,
            ["Workers:Enabled"] = "false",
            ["App:PublicBaseUrl"] = "http://localhost",

            // Tests write to the database directly and read at once: every read waits for the change feed.
            ["Availability:CatchUpOnRead"] = "true",

            // The bot defence stays on: clients solve easy challenges (ProofOfWorkSolver), and the
            // limits are far above what any test sends; the abuse tests set their own.
            ["ProofOfWork:Difficulty"] = "8",
            ["RateLimits:Reads:Limit"] = "1000000",
            ["RateLimits:Writes:Limit"] = "1000000",
            ["RateLimits:Links:Limit"] = "1000000",
            ["RateLimits:CreatesPerEmail:Limit"] = "1000000",

            // Hundreds of app starts: the console shows only what went wrong. The rule is the
            // console's own, so captured logs still see the app's levels; each app's fresh key ring
            // warns that it is unencrypted, which no test cares about.
            ["Logging:Console:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in settings)
        {
            this.settings[key] = value;
        }
    }

    public FakeTimeProvider Time { get; }

    public TestDatabase Database { get; }

    public string MailFolder { get; }

    public Instant Now => Instant.FromDateTimeOffset(Time.GetUtcNow());

    /// <summary>Where a browser reaches the app: its Kestrel address, or http://localhost for the in-memory server.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <summary>An absolute address of a path on this app, e.g. <c>Url("/times?service=x")</c>.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public static async Task<TestApp> StartAsync(
        DatabaseProvider provider, Instant? now = null, string? cityFile = null, Dictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null) =>
        Start(await TestDatabase.CreateAsync(provider), ownsDatabase: true, now, cityFile, settings, configure);

    /// <summary>A second app instance on the same database, as behind a load balancer.</summary>
    public static TestApp StartSecondInstance(TestApp first, Dictionary<string, string?>? settings = null, string? cityFile = null) =>
        Start(first.Database, ownsDatabase: false, first.Now, cityFile ?? first.cityFile, settings);

    /// <summary>A city file shipped with the tests, under Cities/.</summary>
    public static string City(string name) => TestCities.Named(name);

    /// <summary>
    /// The app served by Kestrel on a free port of 127.0.0.1, for a real browser; email links point at it.
    /// Use <see cref="BaseAddress"/>: the in-memory <c>Server</c> does not exist in this mode.
    /// </summary>
    public static async Task<TestApp> StartWithKestrelAsync(
        DatabaseProvider provider, Instant? now = null, string? cityFile = null, Dictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var address = new Uri($"http://127.0.0.1:{port}/");
            var all = new Dictionary<string, string?>(settings ?? []);
            all.TryAdd("App:PublicBaseUrl", $"http://127.0.0.1:{port}");
            var app = new TestApp(await TestDatabase.CreateAsync(provider), ownsDatabase: true, now ?? DefaultStart, cityFile, all, configure)
            {
                BaseAddress = address,
            };
            app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            try
            {
                app.StartServer();
                return app;
            }
            catch (Exception ex) when (attempt < 5 && IsAddressInUse(ex))
            {
                // Another process took the port between our probe and Kestrel's bind: try another.
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    static TestApp()
    {
        // Each app would watch appsettings.json and its stylesheets (for their version hashes) for
        // changes: hundreds of test apps exhaust the machine's inotify instances (128 per user).
        // No test changes those files; polling watchers use no inotify at all.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private static TestApp Start(
        TestDatabase database, bool ownsDatabase, Instant? now, string? cityFile, Dictionary<string, string?>? settings, Action<IWebHostBuilder>? configure = null)
    {
        var app = new TestApp(database, ownsDatabase, now ?? DefaultStart, cityFile, settings ?? [], configure);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureAppConfiguration(config =>
        {
            if (cityFile is not null)
            {
                var demo = config.Sources.OfType<JsonConfigurationSource>().Where(s => s.Path == "city.json").ToList();
                demo.ForEach(s => config.Sources.Remove(s));
                config.AddJsonFile(Path.GetFullPath(cityFile), optional: false);
            }

            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, TestPeerAddress>();
        });

        // Last, so a test can change what the lines above set (e.g. capture every log line).
        configure?.Invoke(builder);
    }

    /// <summary>A client that solves the proof-of-work of the forms and API requests that create, as a browser or API client does.</summary>
    public new HttpClient CreateClient() => CreateClient(new WebApplicationFactoryClientOptions());

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        handlers.Add(new ProofOfWorkSolver());
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>A client that sends exactly what the test gives it: no challenge is solved for it.</summary>
    public HttpClient CreateClientWithoutSolver(WebApplicationFactoryClientOptions? options = null) =>
        base.CreateClient(options ?? new WebApplicationFactoryClientOptions());

    public void Advance(Duration duration) => Time.Advance(duration.ToTimeSpan());

    public TerminagentDb NewDb() => Database.NewContext();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<BookingResult> BookingsAsync(Func<BookingService, Task<BookingResult>> action) =>
        InScopeAsync(sp => action(sp.GetRequiredService<BookingService>()));

    /// <summary>Runs the outbox sender once, as its worker would, and returns the messages now in the folder.</summary>
    public async Task<IReadOnlyList<MimeMessage>> DeliverMailAsync()
    {
        await Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return Mails();
    }

    public IReadOnlyList<MimeMessage> Mails() =>
        Directory.GetFiles(MailFolder, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .OrderBy(m => m.Date)
            .ThenBy(m => m.MessageId, StringComparer.Ordinal)
            .ToList();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        Directory.Delete(MailFolder, recursive: true);
    }
}
