using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Email;
using Terminagent.Engine.Texts;

namespace Terminagent.Engine.Bookings;

/// <summary>What the citizen is told by email about their booking, in the language they booked in.</summary>
public sealed class BookingEmails(CityCatalog catalog, IOptions<AppOptions> app)
{
    private City City => catalog.Current;

    private string BaseUrl => app.Value.PublicBaseUrl.TrimEnd('/');

    public void HoldCreated(TerminagentDb db, Booking booking, string confirmSecret, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        var link = $"{BaseUrl}/confirm/{confirmSecret}{LanguageQuery(lang)}";
        var until = FormatTime(booking.HoldExpiresAt!.Value, office, lang);
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {booking.Name},

            Sie möchten diesen Termin buchen:

            {Facts(booking, office, service, lang)}

            Bitte bestätigen Sie den Termin bis {until} über diesen Link:
            {link}

            Auf der Seite klicken Sie auf „Termin bestätigen“. Ohne Bestätigung wird der Termin
            wieder freigegeben. Haben Sie nichts gebucht, können Sie diese E-Mail ignorieren.

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {booking.Name},

            You asked to book this appointment:

            {Facts(booking, office, service, lang)}

            Please confirm it by {until} through this link:
            {link}

            On that page, press "Confirm appointment". Unconfirmed, the time is released again.
            If you did not book anything, you can ignore this email.

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name,
            Languages.Pick(lang, $"Bitte bestätigen: Termin am {FormatDate(booking.Start, office, lang)}", $"Please confirm: appointment on {FormatDate(booking.Start, office, lang)}"),
            body), now);
    }

    public void Confirmed(TerminagentDb db, Booking booking, string manageSecret, Instant now, bool rescheduled = false)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        var link = $"{BaseUrl}/appointment/{manageSecret}{LanguageQuery(lang)}";
        var intro = rescheduled
            ? Languages.Pick(lang, "Ihr Termin wurde verlegt. So sieht er jetzt aus:", "Your appointment has been moved. It is now:")
            : Languages.Pick(lang, "Ihr Termin ist verbindlich gebucht:", "Your appointment is booked:");
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {booking.Name},

            {intro}

            {Facts(booking, office, service, lang)}

            Bitte bringen Sie die nötigen Unterlagen mit. Den Termin ansehen, verlegen oder absagen:
            {link}

            Zeigen Sie im Bürgerbüro den QR-Code im Anhang am Kiosk oder am Schalter vor, oder nennen
            Sie Ihren Buchungscode {booking.Code}. Der Termin hängt auch als Kalenderdatei an.

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {booking.Name},

            {intro}

            {Facts(booking, office, service, lang)}

            Please bring the documents needed. To view, move or cancel the appointment:
            {link}

            At the office, show the attached QR code at the kiosk or the counter, or tell them your
            booking code {booking.Code}. The appointment is also attached as a calendar file.

            Citizen offices of {City.Name}
            """);
        var subject = rescheduled
            ? Languages.Pick(lang, $"Termin verlegt: {FormatDate(booking.Start, office, lang)}", $"Appointment moved: {FormatDate(booking.Start, office, lang)}")
            : Languages.Pick(lang, $"Termin bestätigt: {FormatDate(booking.Start, office, lang)}", $"Appointment confirmed: {FormatDate(booking.Start, office, lang)}");
        Outbox.Enqueue(db, new EmailDraft(booking.Email, booking.Name, subject, body, Calendar(booking, office, service, cancelled: false, now))
        {
            CheckInCode = booking.Code,
        }, now);
    }

    public void Cancelled(TerminagentDb db, Booking booking, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {booking.Name},

            Ihr Termin ist abgesagt:

            {Facts(booking, office, service, lang)}

            Einen neuen Termin buchen Sie unter {BaseUrl}/

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {booking.Name},

            Your appointment has been cancelled:

            {Facts(booking, office, service, lang)}

            To book a new one, go to {BaseUrl}/?lang=en

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name,
            Languages.Pick(lang, $"Termin abgesagt: {FormatDate(booking.Start, office, lang)}", $"Appointment cancelled: {FormatDate(booking.Start, office, lang)}"),
            body, Calendar(booking, office, service, cancelled: true, now)), now);
    }

    /// <summary>
    /// The office's schedule no longer has room for the appointment. It stays booked until the
    /// citizen moves or cancels it, so nothing is dropped behind their back.
    /// </summary>
    public void ScheduleChanged(TerminagentDb db, Booking booking, string manageSecret, Domain.Slots.ScheduleConflict conflict, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        var link = $"{BaseUrl}/appointment/{manageSecret}{LanguageQuery(lang)}";
        var why = conflict switch
        {
            Domain.Slots.ScheduleConflict.TooFewCounters => Languages.Pick(lang,
                "Zu dieser Zeit sind weniger Schalter besetzt als geplant.",
                "Fewer counters than planned are open at that time."),
            Domain.Slots.ScheduleConflict.ServiceNotOffered => Languages.Pick(lang,
                "Dieses Anliegen wird an diesem Standort nicht mehr angeboten.",
                "This office no longer offers this service."),
            _ => Languages.Pick(lang,
                "Das Bürgerbüro hat zu dieser Zeit nicht mehr geöffnet.",
                "The office is no longer open at that time."),
        };
        var body = Languages.Pick(lang,
            $"""
            Guten Tag {booking.Name},

            leider kann Ihr Termin nicht wie gebucht stattfinden:

            {Facts(booking, office, service, lang)}

            {why}

            Bitte wählen Sie über diesen Link einen neuen Termin oder sagen Sie ab:
            {link}

            Bis dahin bleibt Ihr Termin für Sie eingetragen. Wir bitten um Entschuldigung.

            Ihre Bürgerbüros {City.Name}
            """,
            $"""
            Hello {booking.Name},

            unfortunately your appointment cannot take place as booked:

            {Facts(booking, office, service, lang)}

            {why}

            Please choose a new time, or cancel, through this link:
            {link}

            Until then your appointment stays reserved for you. We apologise.

            Citizen offices of {City.Name}
            """);
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name,
            Languages.Pick(lang, $"Bitte neu buchen: Termin am {FormatDate(booking.Start, office, lang)}", $"Please rebook: appointment on {FormatDate(booking.Start, office, lang)}"),
            body), now);
    }

    /// <summary>Links open in the language the citizen booked in, also on a device without our cookie.</summary>
    private static string LanguageQuery(string lang) => lang == Languages.English ? "?lang=en" : "";

    public (Office Office, Service Service) Describe(Booking booking) =>
        (City.FindOffice(booking.OfficeId)!, City.FindService(booking.ServiceId)!);

    public static string FormatDate(Instant instant, Office office, string lang) =>
        LocalDatePattern.Create(Languages.Pick(lang, "dddd, d. MMMM yyyy", "dddd, d MMMM yyyy"), Languages.CultureOf(lang))
            .Format(instant.InZone(office.Zone).Date);

    public static string FormatTime(Instant instant, Office office, string lang) =>
        LocalDateTimePattern.Create(Languages.Pick(lang, "d. MMMM yyyy, HH:mm 'Uhr'", "d MMMM yyyy, HH:mm"), Languages.CultureOf(lang))
            .Format(instant.InZone(office.Zone).LocalDateTime) + TimeFormat.WhichHour(instant, office, lang);

    private static string Facts(Booking booking, Office office, Service service, string lang)
    {
        var start = booking.Start.InZone(office.Zone);
        var time = start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        var which = TimeFormat.WhichHour(booking.Start, office, lang);
        return Languages.Pick(lang,
            $"""
              Anliegen:   {service.NameDe}
              Ort:        {office.Name}, {office.Address}
              Datum:      {FormatDate(booking.Start, office, lang)}
              Uhrzeit:    {time} Uhr{which}
              Buchungscode: {booking.Code}
            """,
            $"""
              Service:    {service.NameEn}
              Place:      {office.Name}, {office.Address}
              Date:       {FormatDate(booking.Start, office, lang)}
              Time:       {time}{which}
              Booking code: {booking.Code}
            """);
    }

    private static EmailAttachment Calendar(Booking booking, Office office, Service service, bool cancelled, Instant now) =>
        new("termin.ics",
            cancelled ? CalendarFile.CancelContentType : CalendarFile.ContentType,
            CalendarFile.ForAppointment(
                booking.Id, booking.Sequence, service.NameIn(booking.Language), $"{office.Name}, {office.Address}",
                $"{service.NameIn(booking.Language)} – {booking.Code}", booking.Start, booking.End, office.Zone, cancelled, now));
}
