using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Terminagent.Web.Features.Faults;

namespace Terminagent.Web.Features.Errors;

/// <summary>What a person sees instead of a bare status code: what happened and what to do.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<ErrorTexts> t) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Only the app sends people here (re-executing a failed request): an address typed or
        // forged by hand is a page that does not exist, never a made-up server error.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (!reExecuted || code is < 400 or > 599)
        {
            code = 404;
        }

        if (code == 500 && DatabaseFaults.IsUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error))
        {
            code = 503;
        }

        if (code == 503)
        {
            Response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var (title, message) = code switch
        {
            503 => ("Error.503.Title", "Error.503.Message"),
            404 => ("Error.404.Title", "Error.404.Message"),
            400 => ("Error.Failed.Title", "Error.400.Message"),
            405 => ("Error.Failed.Title", "Error.405.Message"),
            414 => ("Error.414.Title", "Error.414.Message"),
            413 => ("Error.413.Title", "Error.413.Message"),
            _ => ("Error.Other.Title", "Error.Other.Message"),
        };
        (Title, Message) = (t[title], t[message]);
        Response.StatusCode = code;
        return Page();
    }
}
