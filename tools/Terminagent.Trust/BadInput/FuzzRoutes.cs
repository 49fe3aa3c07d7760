using System.Text.Json;
using Terminagent.Trust.Infrastructure;

namespace Terminagent.Trust.BadInput;

/// <summary>One route of the app as the fuzzer sees it: its template, the methods it answers, and whether it is a page.</summary>
/// <param name="Template">The route pattern, e.g. <c>/appointment/{token}/move</c> or <c>/api/v1/bookings/confirm</c>.</param>
/// <param name="Methods">The HTTP methods the endpoint answers (GET, POST, …); empty means any.</param>
/// <param name="IsPage">A Razor page: forms post to it with an anti-forgery token.</param>
/// <param name="PostHandlers">For a page: the named POST handlers (<c>?handler=x</c>), "" for the unnamed one.</param>
/// <param name="Parameters">The names of the template's parameters.</param>
public sealed record FuzzRoute(string Template, IReadOnlyList<string> Methods, bool IsPage, IReadOnlyList<string> PostHandlers, IReadOnlyList<string> Parameters)
{
    public bool AcceptsPost => Methods.Count == 0 || Methods.Contains("POST");
}

/// <summary>
/// Every route the app maps, with the names of the values each reads, as the app lists them itself:
/// <c>dotnet Terminagent.Web.dll routes --json</c> (src/Terminagent.Web/RouteList.cs). So a route or
/// field added tomorrow is fuzzed without touching the tool or the tests, and the tool needs no
/// reference to the web host.
/// </summary>
public static class FuzzRoutes
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Runs <c>routes --json</c> of the app built in <paramref name="appFolder"/> (see <see cref="AppProcess.Folder"/>) and reads its answer.</summary>
    public static async Task<IReadOnlyList<FuzzTarget>> FromAppAsync(string? appFolder = null, CancellationToken ct = default)
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(["routes", "--json"], appFolder, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"`Terminagent.Web.dll routes --json` exited with {exitCode}: {error}{output}");
        }

        return Parse(output);
    }

    /// <summary>Reads the JSON of <c>routes --json</c>: an array of routes with template, methods, page, postHandlers, routeValues, query, form and json.</summary>
    public static IReadOnlyList<FuzzTarget> Parse(string json)
    {
        List<ListedRoute> routes;
        try
        {
            routes = JsonSerializer.Deserialize<List<ListedRoute>>(json, JsonOptions) ?? [];
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not the JSON of `routes --json` ({ex.Message}): {(json.Length <= 300 ? json : json[..300])}", ex);
        }

        return routes
            .Select(r => new FuzzTarget(
                new FuzzRoute(r.Template, r.Methods ?? [], r.Page, r.PostHandlers ?? [], r.RouteValues ?? []),
                r.Query ?? [],
                r.Form ?? [],
                r.Json ?? []))
            .ToList();
    }

    /// <summary>The pages with at least one POST handler: every one of them must demand the anti-forgery token.</summary>
    public static IReadOnlyList<FuzzRoute> PagesWithForms(IEnumerable<FuzzTarget> targets) =>
        targets.Select(t => t.Route).Where(r => r.IsPage && r.PostHandlers.Count > 0).ToList();

    private sealed record ListedRoute(
        string Template,
        List<string>? Methods,
        bool Page,
        List<string>? PostHandlers,
        List<string>? RouteValues,
        List<string>? Query,
        List<string>? Form,
        List<string>? Json);
}
