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

/// <summary>What the agent tells citizens by email about their wishes and offers.</summary>
public sealed class AgentEmails(CityCatalog catalog, IOptions<AppOptions> app)
{
    private City City => catalog.Current;

    private string BaseUrl => app.Value.PublicBaseUrl.TrimEnd('/');

    private static string LanguageQuery(string lang) => lang == Languages.English ? "?lang=en" : "";

    public void ConfirmRegistration(TerminagentDb db, Wish wish, string secret, bool updatesExisting, Instant now)
    {
        var lang = wish.Language;
        var link = $"{BaseUrl}/wish/confirm/{secret}{LanguageQuery(lang)}";
        var service = City.FindService(wish.ServiceId)!;
        var what = updatesExisting
            ? Languages.Pick(lang,
                "Sie haben Ihren Terminwunsch geändert. Bitte bestätigen Sie die Änderung; Ihr Platz in der Warteschlange bleibt erhalten:",
                "You have changed your appointment wish. Please confirm the change; you keep your place in the queue:")
            : Languages.Pick(lang,
                "Sie möchten einen Terminwunsch hinterlassen. Bitte bestätigen Sie ihn; erst dann kommt er in die Warteschlange:",
                "You would like to leave an appointment wish. Please confirm it; only then does it join the queue:");
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {wish.Name},

            {what}

            {Describe(wish, lang)}

            {link}

            Haben Sie nichts angefragt, können Sie diese E-Mail ignorieren.

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {wish.Name},

            {what}

            {Describe(wish, lang)}

            {link}

            If you did not ask for anything, you can ignore this email.

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name,
            Languages.Pick(lang, $"Bitte bestätigen: Terminwunsch {service.NameDe}", $"Please confirm: appointment wish {service.NameEn}"), body), now);
    }

    public void WishConfirmed(TerminagentDb db, Wish wish, string manageSecret, Instant now)
    {
        var lang = wish.Language;
        var link = $"{BaseUrl}/wish/{manageSecret}{LanguageQuery(lang)}";
        var service = City.FindService(wish.ServiceId)!;
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {wish.Name},

            Ihr Terminwunsch ist in der Warteschlange:

            {Describe(wish, lang)}

            Sobald ein passender Termin frei wird, bieten wir ihn Ihnen per E-Mail an. Sie haben dann
            in der Regel zwei Tage Zeit, ihn anzunehmen. Ihren Platz in der Warteschlange sehen, den
            Wunsch ändern oder zurückziehen:
            {link}

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {wish.Name},

            Your appointment wish is in the queue:

            {Describe(wish, lang)}

            As soon as a fitting time becomes free, we offer it to you by email. You then usually
            have two days to accept it. To see your place in the queue, change or withdraw the wish:
            {link}

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name,
            Languages.Pick(lang, $"Terminwunsch bestätigt: {service.NameDe}", $"Appointment wish confirmed: {service.NameEn}"), body), now);
    }

    public void OfferMade(TerminagentDb db, Wish wish, Offer offer, string secret, Instant now)
    {
        var lang = wish.Language;
        var office = City.FindOffice(offer.OfficeId)!;
        var service = City.FindService(offer.ServiceId)!;
        var link = $"{BaseUrl}/offer/{secret}{LanguageQuery(lang)}";
        var deadline = BookingEmails.FormatTime(offer.Deadline, office, lang);
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {wish.Name},

            für Ihren Terminwunsch ist ein Termin frei geworden. Wir halten ihn für Sie:

              Anliegen:   {service.NameDe}
              Ort:        {office.Name}, {office.Address}
              Datum:      {TimeFormat.DayOf(offer.Start, office, lang)}
              Uhrzeit:    {TimeFormat.Time(offer.Start, office)} Uhr{TimeFormat.WhichHour(offer.Start, office, lang)}

            Bitte nehmen Sie den Termin bis {deadline} an oder lehnen Sie ihn ab:
            {link}

            Antworten Sie nicht bis dahin, verfällt das Angebot, und Ihr Terminwunsch endet.

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {wish.Name},

            a time matching your appointment wish has become free. We are holding it for you:

              Service:    {service.NameEn}
              Place:      {office.Name}, {office.Address}
              Date:       {TimeFormat.DayOf(offer.Start, office, lang)}
              Time:       {TimeFormat.Time(offer.Start, office)}{TimeFormat.WhichHour(offer.Start, office, lang)}

            Please accept or decline it by {deadline}:
            {link}

            Without an answer by then, the offer lapses and your wish ends.

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name,
            Languages.Pick(lang, $"Terminangebot: {TimeFormat.DayOf(offer.Start, office, lang)}, {TimeFormat.Time(offer.Start, office)} Uhr", $"Appointment offer: {TimeFormat.DayOf(offer.Start, office, lang)}, {TimeFormat.Time(offer.Start, office)}"),
            body), now);
    }

    public void OfferLapsed(TerminagentDb db, Wish wish, Offer offer, Instant now)
    {
        var lang = wish.Language;
        var office = City.FindOffice(offer.OfficeId)!;
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {wish.Name},

            Sie haben das Terminangebot für {TimeFormat.DayOf(offer.Start, office, lang)}, {TimeFormat.Time(offer.Start, office)} Uhr
            nicht rechtzeitig angenommen. Der Termin ist an die nächste Person gegangen, und Ihr
            Terminwunsch ist damit beendet.

            Einen neuen Terminwunsch hinterlassen Sie unter {BaseUrl}/wish?service={wish.ServiceId}

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {wish.Name},

            You did not accept the appointment offer for {TimeFormat.DayOf(offer.Start, office, lang)}, {TimeFormat.Time(offer.Start, office)}
            in time. The time has gone to the next person, and your appointment wish has ended.

            To leave a new wish, go to {BaseUrl}/wish?service={wish.ServiceId}&lang=en

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name,
            Languages.Pick(lang, "Terminangebot verfallen – Ihr Terminwunsch ist beendet", "Appointment offer lapsed – your wish has ended"), body), now);
    }

    public void WishExpired(TerminagentDb db, Wish wish, Instant now)
    {
        var lang = wish.Language;
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {wish.Name},

            bis zum letzten gewünschten Tag ist leider kein passender Termin frei geworden. Ihr
            Terminwunsch ist damit beendet.

            Einen neuen Terminwunsch hinterlassen Sie unter {BaseUrl}/wish?service={wish.ServiceId}

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {wish.Name},

            unfortunately no fitting time became free by the last day you asked for. Your appointment
            wish has ended.

            To leave a new wish, go to {BaseUrl}/wish?service={wish.ServiceId}&lang=en

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(wish.Email, wish.Name,
            Languages.Pick(lang, "Ihr Terminwunsch ist abgelaufen", "Your appointment wish has expired"), body), now);
    }

    public string Describe(Wish wish, string lang)
    {
        var d = wish.Definition;
        var service = City.FindService(d.ServiceId)!;
        var culture = Languages.CultureOf(lang);
        var offices = string.Join(", ", d.OfficeIds.Select(id => City.FindOffice(id)?.Name ?? id));
        var days = string.Join(", ", d.Weekdays.Select(day => culture.DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7))));
        var windows = string.Join(", ", d.Windows.Select(w => $"{w.From.ToString("HH:mm", CultureInfo.InvariantCulture)}–{w.To.ToString("HH:mm", CultureInfo.InvariantCulture)}"));
        var range = (d.Earliest, d.Latest) switch
        {
            (null, null) => Languages.Pick(lang, "jederzeit", "any time"),
            ({ } from, null) => Languages.Pick(lang, $"ab {TimeFormat.Day(from, lang)}", $"from {TimeFormat.Day(from, lang)}"),
            (null, { } to) => Languages.Pick(lang, $"bis {TimeFormat.Day(to, lang)}", $"until {TimeFormat.Day(to, lang)}"),
            ({ } from, { } to) => Languages.Pick(lang, $"{TimeFormat.Day(from, lang)} bis {TimeFormat.Day(to, lang)}", $"{TimeFormat.Day(from, lang)} to {TimeFormat.Day(to, lang)}"),
        };
        return Languages.Pick(lang,
            $"""
              Anliegen:   {service.NameDe}
              Standorte:  {offices}
              Wochentage: {days}
              Uhrzeiten:  {windows}
              Zeitraum:   {range}
            """,
            $"""
              Service:    {service.NameEn}
              Offices:    {offices}
              Weekdays:   {days}
              Times:      {windows}
              Dates:      {range}
            """);
    }
}
