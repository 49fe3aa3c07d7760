using System.Globalization;
using Terminagent.Domain.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>What a walk-in reads at the kiosk when a ticket or a check-in cannot be had.</summary>
public static class KioskTexts
{
    public static string ReleaseTime(Office office) =>
        office.Release.SameDayReleaseTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Refusal(TicketRefusal refusal, Office office, string lang) => refusal switch
    {
        TicketRefusal.UnknownOffice => Language.Pick(lang, "Diesen Standort gibt es nicht.", "There is no such office."),
        TicketRefusal.NoKiosk => Language.Pick(lang,
            $"Das {office.Name} gibt keine Terminmarken aus: Hier gibt es keinen Kiosk.",
            $"{office.Name} issues no tickets: there is no kiosk here."),
        TicketRefusal.UnknownService => Language.Pick(lang, "Dieses Anliegen gibt es nicht. Bitte wählen Sie eines aus der Liste.", "There is no such service. Please choose one from the list."),
        TicketRefusal.ServiceNotOffered => Language.Pick(lang, "Dieses Anliegen wird an diesem Standort nicht bearbeitet. Bitte wählen Sie eines aus der Liste.", "This office does not offer that service. Please choose one from the list."),
        TicketRefusal.BeforeRelease => Language.Pick(lang,
            $"Terminmarken gibt es heute ab {ReleaseTime(office)} Uhr.",
            $"Tickets are available today from {ReleaseTime(office)}."),
        _ => Language.Pick(lang,
            "Für heute sind alle Terminmarken vergeben.",
            "All of today's tickets have been given out."),
    };

    public static string Wait(int minutes, Terminagent.Domain.OfficeDay.Ticket ticket, Office office, string lang) =>
        minutes <= 0
            ? Language.Pick(lang, "Sie werden gleich aufgerufen.", "You will be called shortly.")
            : Language.Pick(lang,
                $"ca. {minutes} Minuten, voraussichtlich gegen {TimeFormat.Time(ticket.DueAt, office)} Uhr",
                $"about {minutes} minutes, expected around {TimeFormat.Time(ticket.DueAt, office)}");

    public static string CheckedIn(string code, bool already, string lang) => already
        ? Language.Pick(lang, $"Sie sind bereits angemeldet, bitte warten Sie auf Ihren Aufruf: {code}", $"You are already checked in. Please wait to be called: {code}")
        : Language.Pick(lang, $"Sie sind angemeldet, bitte warten Sie auf Ihren Aufruf: {code}", $"You are checked in. Please wait to be called: {code}");

    public static string CheckInRefusal(CheckInResult result, City city, Office office, string lang)
    {
        var booking = result.Booking;
        return result.Refusal switch
        {
            Engine.OfficeDay.CheckInRefusal.Cancelled => Language.Pick(lang,
                "Dieser Termin wurde abgesagt. Ohne Termin können Sie eine Terminmarke ziehen.",
                "This appointment was cancelled. Without an appointment, you can draw a ticket."),
            Engine.OfficeDay.CheckInRefusal.NotConfirmed => Language.Pick(lang,
                "Dieser Termin wurde nie bestätigt und ist nicht gebucht. Ohne Termin können Sie eine Terminmarke ziehen.",
                "This appointment was never confirmed and is not booked. Without an appointment, you can draw a ticket."),
            Engine.OfficeDay.CheckInRefusal.OtherOffice when booking is not null && city.FindOffice(booking.OfficeId) is { } right => Language.Pick(lang,
                $"Ihr Termin ist nicht hier, sondern im {right.Name}, {right.Address}.",
                $"Your appointment is not here but at {right.Name}, {right.Address}."),
            Engine.OfficeDay.CheckInRefusal.OtherDay when booking is not null => Language.Pick(lang,
                $"Ihr Termin ist nicht heute, sondern am {TimeFormat.DayOf(booking.Start, office, lang)} um {TimeFormat.Time(booking.Start, office)} Uhr.",
                $"Your appointment is not today but on {TimeFormat.DayOf(booking.Start, office, lang)} at {TimeFormat.Time(booking.Start, office)}."),
            Engine.OfficeDay.CheckInRefusal.TooLate => Language.Pick(lang,
                "Ihr Termin ist verstrichen: Sie waren nicht rechtzeitig angemeldet. Bitte ziehen Sie eine Terminmarke oder buchen Sie einen neuen Termin.",
                "Your appointment has lapsed: you were not checked in in time. Please draw a ticket or book a new appointment."),
            _ => Language.Pick(lang,
                "Diesen Buchungscode kennen wir nicht. Bitte prüfen Sie ihn: Er hat acht Zeichen, zum Beispiel K7M4-P2QX, und steht in Ihrer Bestätigungs-E-Mail.",
                "We do not know this booking code. Please check it: it has eight characters, such as K7M4-P2QX, and is in your confirmation email."),
        };
    }
}
