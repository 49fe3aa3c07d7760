using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Terminagent.Trust.BadInput;

/// <summary>One route of the app as the fuzzer sees it: its template, the methods it answers, and whether it is a page.</summary>
/// <param name="Template">The route pattern, e.g. <c>/appointment/{token}/move</c> or <c>/api/v1/bookings/confirm</c>.</param>
/// <param name="Methods">The HTTP methods the endpoint answers (GET, POST, …); empty means any.</param>
/// <param name="IsPage">A Razor page: forms post to it with an anti-forgery token.</param>
/// <param name="PostHandlers">For a page: the named POST handlers (<c>?handler=x</c>), "" for the unnamed one.</param>
public sealed record FuzzRoute(string Template, IReadOnlyList<string> Methods, bool IsPage, IReadOnlyList<string> PostHandlers)
{
    public bool AcceptsPost => Methods.Count == 0 || Methods.Contains("POST");

    public IReadOnlyList<string> Parameters =>
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(Template).Parameters.Select(p => p.Name).ToList();
}

/// <summary>
/// Every route the app maps, read from its endpoint data sources (Razor pages and minimal APIs),
/// with the names of the values each reads, so a route or field added tomorrow is fuzzed without
/// touching the tests.
/// </summary>
public static class FuzzRoutes
{
    /// <param name="services">The running app's services.</param>
    /// <param name="sources">The app's endpoint sources where its services do not list them all (a WebApplication keeps its own).</param>
    public static async Task<IReadOnlyList<FuzzTarget>> FromAsync(IServiceProvider services, IEnumerable<EndpointDataSource>? sources = null)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var targets = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal);
        var endpoints = services.GetServices<EndpointDataSource>().Concat(sources ?? []).SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Distinct();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

            query.RemoveAll(routeValues.Contains);
            form.RemoveAll(routeValues.Contains);
            if (targets.TryGetValue(template, out var known))
            {
                methods = [.. known.Route.Methods.Union(methods)];
                handlers = [.. known.Route.PostHandlers.Union(handlers)];
                query.AddRange(known.QueryNames);
                form.AddRange(known.FormNames);
                json.AddRange(known.JsonNames);
            }

            var route = new FuzzRoute(template, methods, page is not null || known?.Route.IsPage == true, handlers);
            targets[template] = new FuzzTarget(route, [.. query.Distinct()], [.. form.Distinct()], [.. json.Distinct()]);
        }

        return targets.Values.OrderBy(t => t.Route.Template, StringComparer.Ordinal).ToList();
    }

    /// <summary>The pages with at least one POST handler: every one of them must demand the anti-forgery token.</summary>
    public static IReadOnlyList<FuzzRoute> PagesWithForms(IEnumerable<FuzzTarget> targets) =>
        targets.Select(t => t.Route).Where(r => r.IsPage && r.PostHandlers.Count > 0).ToList();

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
