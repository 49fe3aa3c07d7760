using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Email;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Agent;

/// <summary>What the agent tells citizens by email about their wishes and offers, in the language stored with the wish.</summary>
public sealed class AgentEmails(CityCatalog catalog, IOptions<AppOptions> app, IStringLocalizer<AgentEmails> t)
{
    private City City => catalog.Current;

    private string BaseUrl => app.Value.PublicBaseUrl.TrimEnd('/');

    private static string LanguageQuery(string lang, char separator = '?') => BookingEmails.LanguageQuery(lang, separator);

    public void ConfirmRegistration(TerminagentDb db, Wish wish, string secret, bool updatesExisting, Instant now)
    {
        var lang = wish.Language;
        using var language = Languages.Use(lang);
        var link = $"{BaseUrl}/wish/confirm/{secret}{LanguageQuery(lang)}";
        var service = City.FindService(wish.ServiceId)!;
        var what = t[updatesExisting ? "ConfirmRegistration.Change" : "ConfirmRegistration.New"];
        var body = t["ConfirmRegistration.Body", wish.Name, what, Describe(wish, lang), link, City.Name];
        Enqueue(db, wish, t["ConfirmRegistration.Subject", service.NameIn(lang)], body, now);
    }

    public void WishConfirmed(TerminagentDb db, Wish wish, string manageSecret, Instant now)
    {
        var lang = wish.Language;
        using var language = Languages.Use(lang);
        var link = $"{BaseUrl}/wish/{manageSecret}{LanguageQuery(lang)}";
        var service = City.FindService(wish.ServiceId)!;
        var body = t["WishConfirmed.Body", wish.Name, Describe(wish, lang), link, City.Name];
        Enqueue(db, wish, t["WishConfirmed.Subject", service.NameIn(lang)], body, now);
    }

    public void OfferMade(TerminagentDb db, Wish wish, Offer offer, string secret, Instant now)
    {
        var lang = wish.Language;
        using var language = Languages.Use(lang);
        var office = City.FindOffice(offer.OfficeId)!;
        var service = City.FindService(offer.ServiceId)!;
        var link = $"{BaseUrl}/offer/{secret}{LanguageQuery(lang)}";
        var deadline = BookingEmails.FormatTime(offer.Deadline, office, lang);
        var day = TimeFormat.DayOf(offer.Start, office, lang);
        var time = TimeFormat.Time(offer.Start, office);
        var body = t["OfferMade.Body",
            wish.Name, service.NameIn(lang), office.Name, office.Address, day, time, TimeFormat.WhichHour(offer.Start, office, lang), deadline, link, City.Name];
        Enqueue(db, wish, t["OfferMade.Subject", day, time], body, now);
    }

    public void OfferLapsed(TerminagentDb db, Wish wish, Offer offer, Instant now)
    {
        var lang = wish.Language;
        using var language = Languages.Use(lang);
        var office = City.FindOffice(offer.OfficeId)!;
        if (wish.Status == WishStatus.Waiting)
        {
            // The deadline rule forgave this lapse: the wish keeps its place.
            var kept = t["OfferLapsedKept.Body", wish.Name, TimeFormat.DayOf(offer.Start, office, lang), TimeFormat.Time(offer.Start, office), City.Name];
            Enqueue(db, wish, t["OfferLapsedKept.Subject"], kept, now);
            return;
        }

        var body = t["OfferLapsed.Body",
            wish.Name, TimeFormat.DayOf(offer.Start, office, lang), TimeFormat.Time(offer.Start, office), NewWishLink(wish), City.Name];
        Enqueue(db, wish, t["OfferLapsed.Subject"], body, now);
    }

    public void WishExpired(TerminagentDb db, Wish wish, Instant now)
    {
        using var language = Languages.Use(wish.Language);
        var body = t["WishExpired.Body", wish.Name, NewWishLink(wish), City.Name];
        Enqueue(db, wish, t["WishExpired.Subject"], body, now);
    }

    /// <summary>The wish's service, offices, weekdays, times and dates, one per line, in <paramref name="lang"/>.</summary>
    public string Describe(Wish wish, string lang)
    {
        using var language = Languages.Use(lang);
        var d = wish.Definition;
        var service = City.FindService(d.ServiceId)!;
        var offices = string.Join(", ", d.OfficeIds.Select(id => City.FindOffice(id)?.Name ?? id));
        var days = string.Join(", ", d.Weekdays.Select(day => TimeFormat.DayName(day, lang)));
        var windows = string.Join(", ", d.Windows.Select(w => $"{w.From.ToString("HH:mm", CultureInfo.InvariantCulture)}–{w.To.ToString("HH:mm", CultureInfo.InvariantCulture)}"));
        var range = (d.Earliest, d.Latest) switch
        {
            (null, null) => t["Range.Any"],
            ({ } from, null) => t["Range.From", TimeFormat.Day(from, lang)],
            (null, { } to) => t["Range.Until", TimeFormat.Day(to, lang)],
            ({ } from, { } to) => t["Range.Between", TimeFormat.Day(from, lang), TimeFormat.Day(to, lang)],
        };
        return t["Describe", service.NameIn(lang), offices, days, windows, range];
    }

    private string NewWishLink(Wish wish) => $"{BaseUrl}/wish?service={wish.ServiceId}{LanguageQuery(wish.Language, '&')}";

    private static void Enqueue(TerminagentDb db, Wish wish, string subject, string body, Instant now) =>
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name, subject, body) { Language = wish.Language }, now);
}
