using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Terminagent.Web;

/// <summary>One route the app maps, with what it reads: the app's HTTP surface as tools see it.</summary>
/// <param name="Template">The route pattern, e.g. <c>/appointment/{token}/move</c> or <c>/api/v1/bookings/confirm</c>.</param>
/// <param name="Methods">The HTTP methods the endpoint answers (GET, POST, …); empty means any.</param>
/// <param name="IsPage">A Razor page: forms post to it with an anti-forgery token.</param>
/// <param name="PostHandlers">For a page: the named POST handlers (<c>?handler=x</c>), "" for the unnamed one.</param>
/// <param name="RouteValues">The names of the template's parameters (<c>token</c>).</param>
/// <param name="Query">The query values it reads.</param>
/// <param name="Form">The form fields it reads (<c>Input.Name</c>).</param>
/// <param name="Json">The properties of the JSON body it reads (camelCase).</param>
public sealed record RouteEntry(
    string Template,
    IReadOnlyList<string> Methods,
    [property: JsonPropertyName("page")] bool IsPage,
    IReadOnlyList<string> PostHandlers,
    IReadOnlyList<string> RouteValues,
    IReadOnlyList<string> Query,
    IReadOnlyList<string> Form,
    IReadOnlyList<string> Json);

/// <summary>
/// Every route the app maps, read from its endpoint data sources (Razor pages and minimal APIs),
/// with the names of the values each reads, so a route or field added tomorrow is fuzzed without
/// touching a test or tool. <c>dotnet Terminagent.Web.dll routes --json</c> prints it (see
/// <see cref="StaffCommands"/>): tools/Terminagent.Trust reads it so, without referencing the web host.
/// </summary>
public static class RouteList
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The routes of a built app (started or not): its services and the data sources it keeps itself.</summary>
    public static Task<IReadOnlyList<RouteEntry>> ReadAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return ReadAsync(app.Services, ((IEndpointRouteBuilder)app).DataSources);
    }

    /// <param name="services">The app's services.</param>
    /// <param name="sources">The app's endpoint sources where its services do not list them all (a WebApplication keeps its own).</param>
    public static async Task<IReadOnlyList<RouteEntry>> ReadAsync(IServiceProvider services, IEnumerable<EndpointDataSource>? sources = null)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new Dictionary<string, RouteEntry>(StringComparer.Ordinal);
        var endpoints = services.GetServices<EndpointDataSource>().Concat(sources ?? []).SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Distinct();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [];
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            IReadOnlyList<string> handlers = [];
            var query = new List<string>();
            var form = new List<string>();
            var json = new List<string>();
            if (page is not null)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var posts = compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)).ToList();
                handlers = posts.Select(h => h.Name ?? "").Distinct().ToList();
                methods = handlers.Count > 0 ? ["GET", "POST"] : ["GET"];
                foreach (var handler in compiled.HandlerMethods)
                {
                    var names = handler.Parameters.SelectMany(p => FieldNames(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType));
                    (handler.HttpMethod == "POST" ? form : query).AddRange(names);
                }

                foreach (var property in compiled.BoundProperties)
                {
                    var names = FieldNames(property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType).ToList();
                    form.AddRange(names);
                    if (property.BindingInfo?.RequestPredicate is null || property.BindingInfo.RequestPredicate(new ActionContext { HttpContext = new DefaultHttpContext { Request = { Method = "GET" } } }))
                    {
                        query.AddRange(names);
                    }
                }

                form.AddRange(query.Where(q => !form.Contains(q)));
            }
            else
            {
                if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body)
                {
                    json.AddRange(body.GetProperties().Where(p => p.CanWrite || p.GetMethod is not null).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
                }

                foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
                {
                    if (IsSimple(parameter.ParameterInfo.ParameterType) && parameter.ParameterInfo.ParameterType != typeof(CancellationToken))
                    {
                        query.Add(parameter.Name);
                    }
                }
            }

            query.RemoveAll(n => routeValues.Contains(n, StringComparer.OrdinalIgnoreCase));
            form.RemoveAll(n => routeValues.Contains(n, StringComparer.OrdinalIgnoreCase));
            var isPage = page is not null;
            if (routes.TryGetValue(template, out var known))
            {
                methods = [.. known.Methods.Union(methods)];
                handlers = [.. known.PostHandlers.Union(handlers)];
                query.AddRange(known.Query);
                form.AddRange(known.Form);
                json.AddRange(known.Json);
                isPage |= known.IsPage;
            }

            routes[template] = new RouteEntry(template, methods, isPage, handlers, routeValues, [.. query.Distinct()], [.. form.Distinct()], [.. json.Distinct()]);
        }

        return routes.Values.OrderBy(r => r.Template, StringComparer.Ordinal).ToList();
    }

    /// <summary>The routes as JSON (camelCase properties), the output of <c>routes --json</c>.</summary>
    public static string ToJson(IReadOnlyList<RouteEntry> routes) => JsonSerializer.Serialize(routes, JsonOptions);

    /// <summary>One line a route: methods, template, the page's POST handlers.</summary>
    public static string ToText(IReadOnlyList<RouteEntry> routes) =>
        string.Join(Environment.NewLine, routes.Select(r =>
            $"{(r.Methods.Count == 0 ? "*" : string.Join(",", r.Methods)),-16} {r.Template}"
            + (r.IsPage && r.PostHandlers.Count > 0 ? $"  (page; POST handlers: {string.Join(", ", r.PostHandlers.Select(h => h.Length == 0 ? "(default)" : h))})" : r.IsPage ? "  (page)" : "")));

    /// <summary>A simple value is one field; a complex one is its properties, one level deep (Input.Name).</summary>
    private static IEnumerable<string> FieldNames(string name, Type type)
    {
        if (IsSimple(type))
        {
            return [name];
        }

        if (type.Namespace?.StartsWith("Microsoft", StringComparison.Ordinal) == true || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return [];
        }

        return type.GetProperties().Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => $"{name}.{p.Name}");
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            return IsSimple(t.GetElementType()!);
        }

        if (t.IsGenericType && t.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
        {
            return IsSimple(element);
        }

        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan)
            || t.Namespace == "NodaTime";
    }
}
