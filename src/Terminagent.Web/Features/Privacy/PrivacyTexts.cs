using System.Globalization;
using Microsoft.Extensions.Localization;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Privacy;

namespace Terminagent.Web.Features.Privacy;

/// <summary>The words of the "my data" pages: <c>PrivacyTexts.resx</c> and its languages beside this file.</summary>
public sealed class PrivacyTexts
{
    public static int StatusCodeFor(LinkProblem problem) => problem == LinkProblem.Expired ? 410 : 404;
}

/// <summary>The stored states and moments of a citizen's data in the request's language; an unknown state is shown as stored.</summary>
public static class PrivacyWords
{
    public static string Problem(this IStringLocalizer<PrivacyTexts> t, LinkProblem problem) =>
        t[problem == LinkProblem.Expired ? "Problem.Expired" : "Problem.Invalid"];

    public static string ProblemTitle(this IStringLocalizer<PrivacyTexts> t, LinkProblem problem) =>
        t[problem == LinkProblem.Expired ? "Problem.Expired.Title" : "Problem.Invalid.Title"];

    public static string BookingStatus(this IStringLocalizer<PrivacyTexts> t, string status) =>
        Enum.TryParse<BookingStatus>(status, out _) ? Known(t, $"BookingStatus.{status}", status) : status;

    public static string OfferStatus(this IStringLocalizer<PrivacyTexts> t, string status) =>
        Enum.TryParse<OfferStatus>(status, out _) ? Known(t, $"OfferStatus.{status}", status) : status;

    public static string WishStatus(this IStringLocalizer<PrivacyTexts> t, string status) =>
        Enum.TryParse<WishStatus>(status, out _) ? Known(t, $"WishStatus.{status}", status) : status;

    public static string VisitStatus(this IStringLocalizer<PrivacyTexts> t, string status) => Known(t, $"VisitStatus.{status}", status);

    public static string Channel(this IStringLocalizer<PrivacyTexts> t, string channel) =>
        t[channel == nameof(BookingChannel.Infoline) ? "Channel.Infoline" : "Channel.Online"];

    /// <summary>A moment as the emails write it: "3. Dezember 2026, 09:15 Uhr".</summary>
    public static string Moment(this IStringLocalizer<PrivacyTexts> t, DateTimeOffset moment) =>
        moment.ToString(t["Moment.Pattern"], CultureInfo.CurrentCulture);

    private static string Known(IStringLocalizer<PrivacyTexts> t, string key, string stored) =>
        t[key] is { ResourceNotFound: false } text ? text : stored;
}
