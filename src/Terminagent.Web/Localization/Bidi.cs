using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Terminagent.Web.Localization;

/// <summary>
/// Values that read left to right whatever the page's direction: times, booking codes, email
/// addresses, phone numbers. Inside an Arabic sentence they keep their own order.
/// </summary>
public static class Bidi
{
    /// <summary><c>&lt;bdi dir="ltr"&gt;value&lt;/bdi&gt;</c>, encoded; pass it as an argument of an <c>IHtmlLocalizer</c> text or write it in markup.</summary>
    public static IHtmlContent Ltr(object? value) =>
        new HtmlString($"<bdi dir=\"ltr\">{HtmlEncoder.Default.Encode(value?.ToString() ?? "")}</bdi>");
}
