using Microsoft.Playwright;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// One headless Chromium for the end-to-end tests: Debian's browser, launched by path, because
/// Playwright's own download needs the internet. TERMINAGENT_CHROMIUM names another binary.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "TERMINAGENT_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these, Chromium's own calls home are refused by the closed network and can stall it.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"No Chromium at {executable}. Install Debian's chromium (scripts/test.sh does) or set {ChromiumVariable}.");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh browser profile (no cookies) showing one page.</summary>
    public async Task<BrowserSession> NewSessionAsync(string name, bool javaScript)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            // A German browser, as most of the city's: the app honours Accept-Language.
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
        });
        return new BrowserSession(context, await context.NewPageAsync(), name);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
