using System.Globalization;
using Microsoft.Playwright;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>
/// A browser profile with one page, as one citizen uses it. Every <see cref="ShotAsync"/> saves a
/// full-page screenshot for people to look at, to the folder TERMINAGENT_SCREENSHOTS names or else
/// ${TMPDIR:-/tmp}/terminagent-screenshots; nothing asserts on pixels.
/// </summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, string name) : IAsyncDisposable
{
    private int step;

    public const string FolderVariable = "TERMINAGENT_SCREENSHOTS";

    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "terminagent-screenshots");

    public IPage Page => page;

    public async Task ShotAsync(string what)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        step++;
        var file = string.Create(CultureInfo.InvariantCulture, $"{name}-{step:00}-{what}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, file), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
