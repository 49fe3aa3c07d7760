using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Privacy;

/// <summary>
/// "My data" behind a citizen's link: opening it only explains; the buttons (POST) show what is
/// held about the link's address or download it as JSON (Art. 15 and 20 GDPR).
/// </summary>
public sealed class MyDataModel(CitizenData data, Language lang, IStringLocalizer<PrivacyTexts> texts) : PageModel
{
    public const string DownloadName = "terminagent-meine-daten.json";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Token { get; private set; } = "";

    public string? Problem { get; private set; }

    public CitizenDataExport? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        await ResolveAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostShowAsync(string token, CancellationToken ct)
    {
        Token = token;
        if (await ResolveAsync(token, ct) is { } subject)
        {
            Data = await data.ExportAsync(subject, lang.Code, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(string token, CancellationToken ct)
    {
        Token = token;
        if (await ResolveAsync(token, ct) is not { } subject)
        {
            return Page();
        }

        var export = await data.ExportAsync(subject, lang.Code, ct);
        Response.Headers.CacheControl = "no-cache, no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions), "application/json", DownloadName);
    }

    private async Task<DataSubject?> ResolveAsync(string token, CancellationToken ct)
    {
        var (subject, problem) = await data.SubjectOfAsync(token, ct);
        if (problem is { } p)
        {
            Problem = texts.Problem(p);
            Response.StatusCode = PrivacyTexts.StatusCodeFor(p);
        }

        // The page shows personal data: no copy in a shared cache or the browser's history cache.
        Response.Headers.CacheControl = "no-cache, no-store";
        return subject;
    }
}
