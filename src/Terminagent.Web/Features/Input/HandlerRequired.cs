using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Terminagent.Web.Features.Input;

/// <summary>
/// A page asked for a handler it does not have (a POST to a page that only shows, a TRACE, or
/// <c>?handler=</c> with an unknown name) would otherwise render without its handler having run,
/// half-initialised, and fail: it answers 405 (no handler for the method) or 404 (unknown name).
/// A resource filter, because page filters do not run when no handler was selected.
/// </summary>
public sealed class HandlerRequired : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        if (context.ActionDescriptor is CompiledPageActionDescriptor { HandlerMethods.Count: > 0 } page)
        {
            var request = context.HttpContext.Request;
            var method = HttpMethods.IsHead(request.Method) ? "GET" : request.Method;
            var forMethod = page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)).ToList();
            var name = context.RouteData.Values["handler"]?.ToString() ?? request.Query["handler"].FirstOrDefault();
            if (forMethod.Count == 0)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
                return;
            }

            if (!forMethod.Any(h => string.IsNullOrEmpty(name) ? h.Name is null : string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status404NotFound);
                return;
            }
        }

        await next();
    }
}
