using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Localization;

/// <summary>
/// Carries the language from page to page, so no page adds <c>lang=tr</c> by hand. When a request is
/// in a language other than German because its address says so (<c>?lang=tr</c>), every page address
/// the app generates gets <c>lang=tr</c> as a route value: <c>asp-page</c> links and forms, <c>Url.Page</c> and
/// <c>RedirectToPage</c> all ask <see cref="IUrlHelperFactory"/>, which this wraps. A GET form
/// drops its action's query when sent, so <see cref="LanguageFormTagHelper"/> adds the same value as
/// a hidden field. A language from the cookie alone needs nothing: the browser sends the cookie again.
/// A link that names <c>lang</c> itself keeps what it says (the kiosk's "Done" link names
/// <c>lang = ""</c> to bring the next walk-in back to German).
/// </summary>
public static class LanguageLinks
{
    public const string Key = "lang";

    /// <summary>The language to carry along: its code when the request's address chose one other than German, otherwise null.</summary>
    public static string? FromAddress(HttpContext http) =>
        http.Features.Get<IRequestCultureFeature>() is { Provider: QueryStringRequestCultureProvider } feature
        && feature.RequestCulture.UICulture.TwoLetterISOLanguageName is var code
        && code != Language.German
        && Languages.IsSupported(code)
            ? code
            : null;

    public static IServiceCollection AddLanguageLinks(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IUrlHelperFactory>(new LanguageUrlHelperFactory(new UrlHelperFactory())));

    private sealed class LanguageUrlHelperFactory(IUrlHelperFactory inner) : IUrlHelperFactory
    {
        public IUrlHelper GetUrlHelper(ActionContext context) => new LanguageUrlHelper(inner.GetUrlHelper(context));
    }

    /// <summary>Adds the language to addresses of pages (their values name a "page"); everything else passes through.</summary>
    private sealed class LanguageUrlHelper(IUrlHelper inner) : IUrlHelper
    {
        public ActionContext ActionContext => inner.ActionContext;

        public string? Action(UrlActionContext actionContext) => inner.Action(actionContext);

        [return: NotNullIfNotNull(nameof(contentPath))]
        public string? Content(string? contentPath) => inner.Content(contentPath);

        public bool IsLocalUrl([NotNullWhen(true)] string? url) => inner.IsLocalUrl(url);

        public string? Link(string? routeName, object? values) => inner.Link(routeName, values);

        public string? RouteUrl(UrlRouteContext routeContext)
        {
            if (routeContext.Values is RouteValueDictionary values
                && values.ContainsKey("page")
                && !values.ContainsKey(Key)
                && FromAddress(ActionContext.HttpContext) is { } language)
            {
                routeContext = new UrlRouteContext
                {
                    RouteName = routeContext.RouteName,
                    Values = new RouteValueDictionary(values) { [Key] = language },
                    Protocol = routeContext.Protocol,
                    Host = routeContext.Host,
                    Fragment = routeContext.Fragment,
                };
            }

            return inner.RouteUrl(routeContext);
        }
    }
}

/// <summary>A GET form sends its fields as the query, dropping its action's: the language rides as a hidden field.</summary>
[HtmlTargetElement("form", Attributes = "[method=get]")]
public sealed class LanguageFormTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (LanguageLinks.FromAddress(ViewContext.HttpContext) is { } language)
        {
            output.PreContent.AppendHtml($"<input type=\"hidden\" name=\"{LanguageLinks.Key}\" value=\"{language}\">");
        }
    }
}
