using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Web.Features.Faults;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Errors;

/// <summary>What a person sees instead of a bare status code: what happened and what to do.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Language lang) : PageModel
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

        (Title, Message) = code switch
        {
            503 => (lang.L("Der Dienst ist gerade gestört", "The service is disrupted"),
                lang.L("Der Dienst ist gerade gestört. Es wurde nichts geändert. Bitte versuchen Sie es in einer Minute erneut.", "The service is disrupted right now. Nothing was changed. Please try again in a minute.")),
            404 => (lang.L("Seite nicht gefunden", "Page not found"),
                lang.L("Diese Seite gibt es nicht. Bitte prüfen Sie die Adresse oder beginnen Sie auf der Startseite.", "This page does not exist. Please check the address or start from the start page.")),
            400 => (lang.L("Das hat nicht geklappt", "That did not work"),
                lang.L("Die Anfrage war unvollständig, oder das Formular war zu lange geöffnet. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.", "The request was incomplete, or the form was open too long. Please reload the page and try again.")),
            405 => (lang.L("Das hat nicht geklappt", "That did not work"),
                lang.L("Diese Aktion ist so nicht möglich. Bitte verwenden Sie die Knöpfe auf der Seite.", "This action is not possible this way. Please use the buttons on the page.")),
            414 => (lang.L("Die Adresse ist zu lang", "The address is too long"),
                lang.L("Die Adresse dieser Seite ist zu lang. Bitte beginnen Sie auf der Startseite, oder öffnen Sie den Link aus Ihrer E-Mail noch einmal.", "The address of this page is too long. Please start from the start page, or open the link from your email again.")),
            413 => (lang.L("Zu viele Daten", "Too much data"),
                lang.L("Die Anfrage war zu groß.", "The request was too large.")),
            _ => (lang.L("Ein Fehler ist aufgetreten", "Something went wrong"),
                lang.L("Bei uns ist etwas schiefgegangen. Es wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten noch einmal.", "Something went wrong on our side. Nothing was changed. Please try again in a few minutes.")),
        };
        Response.StatusCode = code;
        return Page();
    }
}
