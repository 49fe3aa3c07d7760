using System.Globalization;
using System.Resources;
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
public sealed class BookingEmails(CityCatalog catalog, IOptions<AppOptions> app, IStringLocalizer<BookingEmails> t)
{
    private static readonly ResourceManager Patterns = new(typeof(BookingEmails));

    private City City => catalog.Current;

    private string BaseUrl => app.Value.PublicBaseUrl.TrimEnd('/');

    public void HoldCreated(TerminagentDb db, Booking booking, string confirmSecret, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        using var language = Languages.Use(lang);
        var link = $"{BaseUrl}/confirm/{confirmSecret}{LanguageQuery(lang)}";
        var until = FormatTime(booking.HoldExpiresAt!.Value, office, lang);
        var body = t["HoldCreated.Body", booking.Name, Facts(booking, office, service, lang), until, link, City.Name];
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name, t["HoldCreated.Subject", FormatDate(booking.Start, office, lang)], body)
        {
            Language = lang,
        }, now);
    }

    public void Confirmed(TerminagentDb db, Booking booking, string manageSecret, Instant now, bool rescheduled = false)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        using var language = Languages.Use(lang);
        var link = $"{BaseUrl}/appointment/{manageSecret}{LanguageQuery(lang)}";
        var intro = t[rescheduled ? "Confirmed.IntroMoved" : "Confirmed.Intro"];
        var body = t["Confirmed.Body", booking.Name, intro, Facts(booking, office, service, lang), link, booking.Code, City.Name];
        var subject = t[rescheduled ? "Moved.Subject" : "Confirmed.Subject", FormatDate(booking.Start, office, lang)];
        Outbox.Enqueue(db, new EmailDraft(booking.Email, booking.Name, subject, body, Calendar(booking, office, service, cancelled: false, now))
        {
            CheckInCode = booking.Code,
            Language = lang,
        }, now);
    }

    public void Cancelled(TerminagentDb db, Booking booking, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        using var language = Languages.Use(lang);
        var body = t["Cancelled.Body", booking.Name, Facts(booking, office, service, lang), $"{BaseUrl}/{LanguageQuery(lang)}", City.Name];
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name, t["Cancelled.Subject", FormatDate(booking.Start, office, lang)],
            body, Calendar(booking, office, service, cancelled: true, now))
        {
            Language = lang,
        }, now);
    }

    /// <summary>
    /// The office's schedule no longer has room for the appointment. It stays booked until the
    /// citizen moves or cancels it, so nothing is dropped behind their back.
    /// </summary>
    public void ScheduleChanged(TerminagentDb db, Booking booking, string manageSecret, Domain.Slots.ScheduleConflict conflict, Instant now)
    {
        var (office, service) = Describe(booking);
        var lang = booking.Language;
        using var language = Languages.Use(lang);
        var link = $"{BaseUrl}/appointment/{manageSecret}{LanguageQuery(lang)}";
        var why = conflict switch
        {
            Domain.Slots.ScheduleConflict.TooFewCounters => t["ScheduleChanged.TooFewCounters"],
            Domain.Slots.ScheduleConflict.ServiceNotOffered => t["ScheduleChanged.ServiceNotOffered"],
            _ => t["ScheduleChanged.Closed"],
        };
        var body = t["ScheduleChanged.Body", booking.Name, Facts(booking, office, service, lang), why, link, City.Name];
        Outbox.Enqueue(db, new EmailDraft(
            booking.Email, booking.Name, t["ScheduleChanged.Subject", FormatDate(booking.Start, office, lang)], body)
        {
            Language = lang,
        }, now);
    }

    /// <summary>
    /// Links open in the language the citizen booked in, also on a device without our cookie;
    /// German, the default, needs no parameter.
    /// </summary>
    public static string LanguageQuery(string lang, char separator = '?') =>
        Languages.Normalise(lang) is var code && code != Languages.German ? $"{separator}lang={code}" : "";

    public (Office Office, Service Service) Describe(Booking booking) =>
        (City.FindOffice(booking.OfficeId)!, City.FindService(booking.ServiceId)!);

    public static string FormatDate(Instant instant, Office office, string lang) => TimeFormat.DayOf(instant, office, lang);

    /// <summary>A deadline: day, month, year and time, in the pattern of the language's resources.</summary>
    public static string FormatTime(Instant instant, Office office, string lang) =>
        LocalDateTimePattern.Create(Pattern("Pattern.DateAndTime", lang), Languages.CultureOf(lang))
            .Format(instant.InZone(office.Zone).LocalDateTime) + TimeFormat.WhichHour(instant, office, lang);

    private static string Pattern(string key, string lang) =>
        Patterns.GetString(key, Languages.CultureOf(lang)) ?? throw new MissingManifestResourceException($"No text {key} in {nameof(BookingEmails)}.");

    private string Facts(Booking booking, Office office, Service service, string lang)
    {
        var start = booking.Start.InZone(office.Zone);
        var time = start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        var which = TimeFormat.WhichHour(booking.Start, office, lang);
        return t["Facts", service.NameIn(lang), office.Name, office.Address, FormatDate(booking.Start, office, lang), time, which, booking.Code];
    }

    private static EmailAttachment Calendar(Booking booking, Office office, Service service, bool cancelled, Instant now) =>
        new("termin.ics",
            cancelled ? CalendarFile.CancelContentType : CalendarFile.ContentType,
            CalendarFile.ForAppointment(
                booking.Id, booking.Sequence, service.NameIn(booking.Language), $"{office.Name}, {office.Address}",
                $"{service.NameIn(booking.Language)} – {booking.Code}", booking.Start, booking.End, office.Zone, cancelled, now));
}
