using Terminagent.Domain.Bookings;
using Terminagent.Engine.Bookings;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Bookings;

/// <summary>The plain words a citizen reads when something cannot be done.</summary>
public static class BookingTexts
{
    public static string Failure(BookingFailure failure, string lang) => failure switch
    {
        BookingFailure.UnknownService => Language.Pick(lang, "Diese Dienstleistung gibt es nicht. Bitte wählen Sie eine aus der Liste.", "There is no such service. Please choose one from the list."),
        BookingFailure.UnknownOffice => Language.Pick(lang, "Diesen Standort gibt es nicht. Bitte wählen Sie einen aus der Liste.", "There is no such office. Please choose one from the list."),
        BookingFailure.ServiceNotOfferedThere => Language.Pick(lang, "Dieser Standort bietet die gewählte Dienstleistung nicht an.", "This office does not offer the chosen service."),
        BookingFailure.UnknownTime => Language.Pick(lang, "Zu dieser Zeit gibt es keinen Termin. Bitte wählen Sie eine Zeit aus der Liste.", "There is no appointment at that time. Please choose a time from the list."),
        BookingFailure.InPast => Language.Pick(lang, "Diese Zeit liegt in der Vergangenheit. Bitte wählen Sie eine spätere Zeit.", "That time has passed. Please choose a later one."),
        BookingFailure.NotYetReleased => Language.Pick(lang, "Dieser Tag ist noch nicht buchbar. Termine werden jeden Tag um 9 Uhr für den Tag drei Wochen später freigegeben.", "That day cannot be booked yet. Every day at 9:00, the day three weeks ahead opens for booking."),
        BookingFailure.Taken => Language.Pick(lang, "Diesen Termin hat gerade jemand anderes gebucht. Bitte wählen Sie einen der nächstgelegenen freien Termine.", "Someone else has just booked this time. Please choose one of the nearest free times."),
        BookingFailure.InvalidContact => Language.Pick(lang, "Bitte prüfen Sie Ihre Angaben.", "Please check your details."),
        BookingFailure.LinkInvalid => Language.Pick(lang, "Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer E-Mail vollständig.", "This link is not valid. Please use the complete link from your email."),
        BookingFailure.LinkExpired => Language.Pick(lang, "Dieser Link ist abgelaufen. Der Termin wurde nicht rechtzeitig bestätigt und ist wieder frei. Bitte buchen Sie neu.", "This link has expired. The appointment was not confirmed in time and has been released. Please book again."),
        BookingFailure.NoLongerActive => Language.Pick(lang, "Dieser Termin ist nicht mehr aktiv.", "This appointment is no longer active."),
        BookingFailure.TooLate => Language.Pick(lang, "Der Termin hat bereits begonnen oder ist vorbei und kann nicht mehr geändert werden.", "The appointment has begun or passed and can no longer be changed."),
        BookingFailure.TooManyActive => Language.Pick(lang, "Für diese Dienstleistung haben Sie mit dieser E-Mail-Adresse schon so viele Termine, wie eine Adresse haben kann. Bitte sagen Sie zuerst einen davon ab (der Link steht in Ihrer E-Mail) oder warten Sie, bis eine unbestätigte Reservierung abläuft.", "You already have as many appointments for this service with this email address as one address can have. Please cancel one of them first (the link is in your email), or wait until an unconfirmed reservation runs out."),
        _ => Language.Pick(lang, "Das hat nicht geklappt.", "That did not work."),
    };

    /// <summary>The form field (and API error key) a contact problem belongs to.</summary>
    public static string FieldOf(ContactProblem problem) =>
        problem.ToString().StartsWith("Name", StringComparison.Ordinal) ? "name"
        : problem.ToString().StartsWith("Email", StringComparison.Ordinal) ? "email"
        : "phone";

    public static string Contact(ContactProblem problem, string lang) => problem switch
    {
        ContactProblem.NameMissing => Language.Pick(lang, "Bitte geben Sie Ihren Namen an.", "Please enter your name."),
        ContactProblem.NameTooLong => Language.Pick(lang, $"Der Name darf höchstens {Domain.Bookings.Contact.MaxNameLength} Zeichen lang sein.", $"The name may have at most {Domain.Bookings.Contact.MaxNameLength} characters."),
        ContactProblem.NameInvalid => Language.Pick(lang, "Der Name enthält Zeichen, die wir nicht annehmen können (zum Beispiel < oder >).", "The name contains characters we cannot accept (such as < or >)."),
        ContactProblem.EmailMissing => Language.Pick(lang, "Bitte geben Sie Ihre E-Mail-Adresse an. Wir senden Ihnen den Link zur Bestätigung.", "Please enter your email address. We will send you the link to confirm."),
        ContactProblem.EmailTooLong => Language.Pick(lang, $"Die E-Mail-Adresse darf höchstens {Domain.Bookings.Contact.MaxEmailLength} Zeichen lang sein.", $"The email address may have at most {Domain.Bookings.Contact.MaxEmailLength} characters."),
        ContactProblem.EmailInvalid => Language.Pick(lang, "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.", "Please enter a valid email address, such as name@example.org."),
        ContactProblem.PhoneTooLong => Language.Pick(lang, $"Die Telefonnummer darf höchstens {Domain.Bookings.Contact.MaxPhoneLength} Zeichen lang sein.", $"The phone number may have at most {Domain.Bookings.Contact.MaxPhoneLength} characters."),
        ContactProblem.PhoneInvalid => Language.Pick(lang, "Die Telefonnummer darf nur Ziffern, Leerzeichen und + / - ( ) enthalten.", "The phone number may contain only digits, spaces and + / - ( )."),
        ContactProblem.PhoneMissing => Language.Pick(lang, "Bitte geben Sie eine Telefonnummer an: Ohne E-Mail-Adresse erreichen wir Sie nur telefonisch.", "Please enter a phone number: without an email address, we can reach you only by phone."),
        _ => Language.Pick(lang, "Bitte prüfen Sie diese Angabe.", "Please check this entry."),
    };
}
