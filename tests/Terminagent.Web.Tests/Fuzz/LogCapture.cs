using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>Every log line the app writes, at every level and category, with its exception and scopes.</summary>
/// <param name="minimum">The lowest level captured.</param>
/// <param name="appFilters">Keep the app's own per-category levels (what it would write to any log), instead of capturing everything.</param>
public sealed class LogCapture(LogLevel minimum = LogLevel.Trace, bool appFilters = false) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>Adds the capture to an app for all categories, Microsoft.* included, from the minimum level (Trace unless told).</summary>
    public void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(minimum);
            if (!appFilters)
            {
                logging.AddFilter<LogCapture>(null, minimum);
            }

            logging.Services.AddSingleton<ILoggerProvider>(this);
        });

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeText = new List<string>();
            capture.scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopeText);
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            capture.lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | {properties} | {string.Join(" => ", scopeText)} | {exception}");
        }
    }
}
