using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Privacy;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Privacy;

/// <summary>The words of the "my data" pages, German first.</summary>
public static class PrivacyTexts
{
    public static string Problem(LinkProblem problem, string lang) => problem switch
    {
        LinkProblem.Expired => Language.Pick(lang, "Dieser Link ist abgelaufen. Über ihn können Sie keine Daten mehr abrufen oder löschen.", "This link has expired. It can no longer be used to see or erase data."),
        _ => Language.Pick(lang, "Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer E-Mail vollständig.", "This link is not valid. Please use the complete link from your email."),
    };

    public static int StatusCodeFor(LinkProblem problem) => problem == LinkProblem.Expired ? 410 : 404;

    public static string BookingStatus(string status, string lang) => Enum.TryParse<BookingStatus>(status, out var s)
        ? s switch
        {
            Domain.Bookings.BookingStatus.Held => Language.Pick(lang, "vorgemerkt, noch nicht bestätigt", "held, not yet confirmed"),
            Domain.Bookings.BookingStatus.Confirmed => Language.Pick(lang, "gebucht", "booked"),
            Domain.Bookings.BookingStatus.Cancelled => Language.Pick(lang, "abgesagt", "cancelled"),
            Domain.Bookings.BookingStatus.Expired => Language.Pick(lang, "nicht bestätigt, verfallen", "not confirmed, lapsed"),
            Domain.Bookings.BookingStatus.NoShow => Language.Pick(lang, "nicht erschienen", "did not come"),
            _ => status,
        }
        : status;

    public static string OfferStatus(string status, string lang) => Enum.TryParse<OfferStatus>(status, out var s)
        ? s switch
        {
            Domain.Agent.OfferStatus.Open => Language.Pick(lang, "offen", "open"),
            Domain.Agent.OfferStatus.Accepted => Language.Pick(lang, "angenommen", "accepted"),
            Domain.Agent.OfferStatus.Declined => Language.Pick(lang, "abgelehnt", "declined"),
            Domain.Agent.OfferStatus.Lapsed => Language.Pick(lang, "verfallen", "lapsed"),
            _ => status,
        }
        : status;

    public static string WishStatus(string status, string lang) => Enum.TryParse<WishStatus>(status, out var s)
        ? s switch
        {
            Domain.Agent.WishStatus.Unconfirmed => Language.Pick(lang, "noch nicht bestätigt", "not yet confirmed"),
            Domain.Agent.WishStatus.Waiting => Language.Pick(lang, "in der Warteschlange", "in the queue"),
            Domain.Agent.WishStatus.Offered => Language.Pick(lang, "Terminangebot offen", "offer open"),
            Domain.Agent.WishStatus.Fulfilled => Language.Pick(lang, "erfüllt", "fulfilled"),
            Domain.Agent.WishStatus.Withdrawn => Language.Pick(lang, "zurückgezogen", "withdrawn"),
            Domain.Agent.WishStatus.Lapsed => Language.Pick(lang, "verfallen", "lapsed"),
            Domain.Agent.WishStatus.Expired => Language.Pick(lang, "abgelaufen", "expired"),
            _ => status,
        }
        : status;

    public static string Channel(string channel, string lang) =>
        channel == nameof(BookingChannel.Infoline) ? Language.Pick(lang, "telefonisch über die Infoline", "by phone through the infoline") : Language.Pick(lang, "online", "online");

    public static string VisitStatus(string status, string lang) => status switch
    {
        "Waiting" => Language.Pick(lang, "wartet", "waiting"),
        "Called" => Language.Pick(lang, "aufgerufen", "called"),
        "Served" => Language.Pick(lang, "bedient", "served"),
        "NoShow" => Language.Pick(lang, "nicht erschienen", "did not come"),
        "Parked" => Language.Pick(lang, "zurückgestellt", "set aside"),
        _ => status,
    };

    /// <summary>A moment as the emails write it: "3. Dezember 2026, 09:15 Uhr".</summary>
    public static string Moment(DateTimeOffset moment, string lang) =>
        moment.ToString(Language.Pick(lang, "d. MMMM yyyy, HH:mm 'Uhr'", "d MMMM yyyy, HH:mm"), Language.CultureOf(lang));
}
