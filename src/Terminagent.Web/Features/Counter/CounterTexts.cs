using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Counter;

/// <summary>What the counter says to the clerk, in German or English.</summary>
public static class CounterTexts
{
    public static string Kind(VisitKind kind, string lang) => kind == VisitKind.Appointment
        ? Language.Pick(lang, "Termin", "Appointment")
        : Language.Pick(lang, "Wartenummer", "Ticket");

    public static string Status(VisitStatus status, string lang) => status switch
    {
        VisitStatus.Waiting => Language.Pick(lang, "wartet", "waiting"),
        VisitStatus.Called => Language.Pick(lang, "aufgerufen", "called"),
        VisitStatus.Served => Language.Pick(lang, "erledigt", "served"),
        VisitStatus.NoShow => Language.Pick(lang, "nicht erschienen", "did not come"),
        _ => Language.Pick(lang, "zurückgestellt", "parked"),
    };

    /// <summary>"12 min" or "1 h 05 min": a duration as a clerk reads it at a glance.</summary>
    public static string Minutes(Duration duration, string lang)
    {
        var minutes = (int)Math.Floor(Math.Max(0, duration.TotalMinutes));
        return minutes < 60
            ? $"{minutes} min"
            : Language.Pick(lang, $"{minutes / 60} Std. {minutes % 60:00} min", $"{minutes / 60} h {minutes % 60:00} min");
    }

    /// <summary>The success notice after an action.</summary>
    public static string Done(CounterAction action, Visit visit, string lang) => action switch
    {
        CounterAction.Call or CounterAction.CallParked => Language.Pick(lang, $"{visit.Label} ist an {Counters.Name(visit.Counter, lang)} aufgerufen.", $"{visit.Label} is called to {Counters.Name(visit.Counter, lang)}."),
        CounterAction.Recall => Language.Pick(lang, $"{visit.Label} ist erneut aufgerufen.", $"{visit.Label} is called again."),
        CounterAction.Serve => Language.Pick(lang, $"{visit.Label} ist erledigt.", $"{visit.Label} is served."),
        CounterAction.NoShow => Language.Pick(lang, $"{visit.Label} ist als nicht erschienen vermerkt.", $"{visit.Label} is recorded as not having come."),
        _ => Language.Pick(lang, $"{visit.Label} ist zurückgestellt und kann später von jedem Schalter aufgerufen werden.", $"{visit.Label} is parked; any counter can call them later."),
    };

    public static string Refusal(CounterResult result, string lang)
    {
        var visit = result.Visit;
        return result.Refusal switch
        {
            CounterRefusal.UnknownOffice => Language.Pick(lang, "Diesen Standort gibt es nicht.", "There is no such office."),
            CounterRefusal.UnknownCounter => Language.Pick(lang, "Diesen Schalter gibt es an diesem Standort nicht.", "There is no such counter at this office."),
            CounterRefusal.CounterBusy => Language.Pick(lang,
                $"Bitte schließen Sie zuerst den aktuellen Aufruf ab ({visit?.Label}): erledigt, nicht erschienen oder zurückstellen.",
                $"Please finish the current call first ({visit?.Label}): served, did not come, or park."),
            CounterRefusal.NobodyWaiting => Language.Pick(lang, "Niemand wartet.", "Nobody is waiting."),
            CounterRefusal.UnknownVisit => Language.Pick(lang, "Diesen Eintrag gibt es in der Warteschlange dieses Standorts nicht.", "There is no such entry in this office's queue."),
            CounterRefusal.TryAgain => Language.Pick(lang, "Gerade rufen viele Schalter gleichzeitig auf. Bitte drücken Sie noch einmal.", "Many counters are calling at this moment. Please press again."),
            _ => ChangedMeanwhile(visit!, lang),
        };
    }

    /// <summary>Someone else acted first: say what the visit is now, so the clerk knows what happened.</summary>
    private static string ChangedMeanwhile(Visit visit, string lang) => visit.Status switch
    {
        VisitStatus.Called => Language.Pick(lang,
            $"{visit.Label} ist inzwischen an {Counters.Name(visit.Counter, lang)} aufgerufen.",
            $"{visit.Label} has meanwhile been called to {Counters.Name(visit.Counter, lang)}."),
        VisitStatus.Served => Language.Pick(lang, $"{visit.Label} ist bereits als erledigt abgeschlossen.", $"{visit.Label} has already been served."),
        VisitStatus.NoShow => Language.Pick(lang, $"{visit.Label} ist bereits als nicht erschienen abgeschlossen.", $"{visit.Label} has already been recorded as not having come."),
        VisitStatus.Parked => Language.Pick(lang, $"{visit.Label} ist inzwischen zurückgestellt.", $"{visit.Label} has meanwhile been parked."),
        _ => Language.Pick(lang, $"{visit.Label} wartet und ist an keinem Schalter aufgerufen.", $"{visit.Label} is waiting and not called to any counter."),
    };

    public static string CheckedIn(CheckInResult result, string lang)
    {
        var label = result.Visit!.Label;
        var name = result.Booking?.Name;
        var who = string.IsNullOrEmpty(name) ? label : $"{label} ({name})";
        return result.AlreadyCheckedIn
            ? Language.Pick(lang, $"{who} ist bereits eingecheckt.", $"{who} has already checked in.")
            : Language.Pick(lang, $"{who} ist eingecheckt und wartet.", $"{who} has checked in and is waiting.");
    }

    /// <summary>Why a booking code cannot check in, as a sentence the clerk can read out.</summary>
    public static string CheckInRefusal(CheckInResult result, City city, OfficeDayOptions options, string lang)
    {
        var booking = result.Booking;
        var office = booking is null ? null : city.FindOffice(booking.OfficeId);
        return result.Refusal switch
        {
            Engine.OfficeDay.CheckInRefusal.UnknownOffice => Language.Pick(lang, "Diesen Standort gibt es nicht.", "There is no such office."),
            Engine.OfficeDay.CheckInRefusal.UnknownCode => Language.Pick(lang,
                "Zu diesem Buchungscode gibt es keinen Termin. Bitte prüfen Sie die Eingabe: 8 Zeichen, zum Beispiel K7M4-P2QX.",
                "There is no appointment with this booking code. Please check it: 8 characters, for example K7M4-P2QX."),
            Engine.OfficeDay.CheckInRefusal.Cancelled => Language.Pick(lang,
                "Dieser Termin wurde abgesagt und kann nicht eingecheckt werden.",
                "This appointment has been cancelled and cannot be checked in."),
            Engine.OfficeDay.CheckInRefusal.NotConfirmed => Language.Pick(lang,
                "Dieser Termin wurde nie bestätigt und kann nicht eingecheckt werden.",
                "This appointment was never confirmed and cannot be checked in."),
            Engine.OfficeDay.CheckInRefusal.OtherOffice => Language.Pick(lang,
                $"Dieser Termin ist an einem anderen Standort: {office?.Name}.",
                $"This appointment is at another office: {office?.Name}."),
            Engine.OfficeDay.CheckInRefusal.OtherDay when office is not null => Language.Pick(lang,
                $"Dieser Termin ist nicht heute, sondern am {TimeFormat.DayOf(booking!.Start, office, lang)} um {TimeFormat.Time(booking.Start, office)} Uhr.",
                $"This appointment is not today but on {TimeFormat.DayOf(booking!.Start, office, lang)} at {TimeFormat.Time(booking.Start, office)}."),
            Engine.OfficeDay.CheckInRefusal.OtherDay => Language.Pick(lang, "Dieser Termin ist nicht heute.", "This appointment is not today."),
            _ when office is not null => Language.Pick(lang,
                $"Zu spät: Der Termin hat um {TimeFormat.Time(booking!.Start, office)} Uhr begonnen, und mehr als {options.NoShowAfterMinutes} Minuten danach ist kein Einchecken mehr möglich. Bitte ziehen Sie eine Wartenummer oder buchen Sie einen neuen Termin.",
                $"Too late: the appointment began at {TimeFormat.Time(booking!.Start, office)}, and checking in is not possible more than {options.NoShowAfterMinutes} minutes after that. Please draw a ticket or book a new appointment."),
            _ => Language.Pick(lang,
                $"Zu spät: Mehr als {options.NoShowAfterMinutes} Minuten nach Beginn des Termins ist kein Einchecken mehr möglich.",
                $"Too late: checking in is not possible more than {options.NoShowAfterMinutes} minutes after the appointment began."),
        };
    }
}
