using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Database;
using Terminagent.Engine.Email;
using Terminagent.Engine.Rounds;
using Terminagent.Engine.Schedule;

namespace Terminagent.Engine.Tests.Infrastructure;

/// <summary>
/// The engine alone, as <c>AddTerminagentEngine</c> registers it, on a generic host without any
/// web surface: a fresh copy of a migrated database, a fake clock, the demo city (or a test city),
/// emails as .eml files in a folder of its own. Nothing runs by itself: a test calls the engine's
/// services, or runs the workers' rounds with <see cref="RunDueRoundsAsync"/>.
/// </summary>
public sealed class TestEngine : ITestHost
{
    private readonly IHost host;
    private readonly bool ownsDatabase;

    private TestEngine(IHost host, TestDatabase database, bool ownsDatabase, FakeTimeProvider time, string mailFolder, string? cityFile)
    {
        this.host = host;
        this.ownsDatabase = ownsDatabase;
        Database = database;
        Time = time;
        MailFolder = mailFolder;
        CityFile = cityFile;
    }

    /// <summary>Monday 30 November 2026, 10:00 in Demostadt: after the day's releases.</summary>
    public static Instant DefaultStart => TestCities.DefaultStart;

    public IServiceProvider Services => host.Services;

    public FakeTimeProvider Time { get; }

    public TestDatabase Database { get; }

    public string MailFolder { get; }

    /// <summary>The city file this instance started with; null for the demo city.</summary>
    public string? CityFile { get; }

    public Instant Now => Instant.FromDateTimeOffset(Time.GetUtcNow());

    /// <summary>A city file shipped with the tests, under Cities/.</summary>
    public static string City(string name) => TestCities.Named(name);

    /// <summary>
    /// Starts the engine on a fresh database: migrated, the city file imported and the schedule
    /// planned, as the web host does before its first request.
    /// </summary>
    public static async Task<TestEngine> StartAsync(
        DatabaseProvider provider, Instant? now = null, string? cityFile = null, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            return await StartAsync(database, ownsDatabase: true, now ?? DefaultStart, cityFile, settings, services);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second engine instance on the same database, with a clock of its own set to the first one's time.</summary>
    public static Task<TestEngine> StartSecondInstanceAsync(TestEngine first, Dictionary<string, string?>? settings = null, string? cityFile = null) =>
        StartAsync(first.Database, ownsDatabase: false, first.Now, cityFile ?? first.CityFile, settings);

    private static async Task<TestEngine> StartAsync(
        TestDatabase database, bool ownsDatabase, Instant now, string? cityFile, Dictionary<string, string?>? settings,
        Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider(now.ToDateTimeOffset());
        var mailFolder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mailFolder);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ApplicationName = "Terminagent.Engine.Tests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddJsonFile(Path.GetFullPath(cityFile ?? CityCatalog.DemoCityFile), optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Folder",
            ["Mail:Folder"] = mailFolder,
            ["App:PublicBaseUrl"] = "http://localhost",

            // Tests write to the database directly and read at once: every read waits for the change feed.
            ["Availability:CatchUpOnRead"] = "true",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Hundreds of engine starts: only what went wrong belongs in the test log.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

        // The races lose statements on purpose (a unique index, a savepoint); the engine handles them,
        // and one that it does not fails its test with the exception.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddTerminagentEngine(builder.Configuration);
        services?.Invoke(builder.Services);

        var host = builder.Build();
        var engine = new TestEngine(host, database, ownsDatabase, time, mailFolder, cityFile);
        try
        {
            // Validates the options (ValidateOnStart); the engine registers no hosted services.
            await host.StartAsync();
            await host.Services.PrepareDatabaseAsync();
            if (builder.Configuration["Schedule:SyncOnStart"] != "false")
            {
                await host.Services.GetRequiredService<ScheduleSync>().SyncAsync(CancellationToken.None);
            }

            return engine;
        }
        catch
        {
            await engine.DisposeHostAsync();
            throw;
        }
    }

    public void Advance(Duration duration) => Time.Advance(duration.ToTimeSpan());

    public TerminagentDb NewDb() => Database.NewContext();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<BookingResult> BookingsAsync(Func<BookingService, Task<BookingResult>> action) =>
        InScopeAsync(sp => action(sp.GetRequiredService<BookingService>()));

    /// <summary>Runs every round of the workers that is due on this instance's clock, as <see cref="RoundRunner.RunDueAsync"/> does.</summary>
    public Task<int> RunDueRoundsAsync() => Services.GetRequiredService<RoundRunner>().RunDueAsync(CancellationToken.None);

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

    public async ValueTask DisposeAsync()
    {
        await DisposeHostAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    private async Task DisposeHostAsync()
    {
        await host.StopAsync();
        if (host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }

        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
