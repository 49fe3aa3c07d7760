using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Texts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Agent;

/// <summary>The plain words a citizen reads about wishes and offers, and the status codes that go with refusals.</summary>
public static class AgentTexts
{
    public static string Failure(AgentFailure failure, string lang) => failure switch
    {
        AgentFailure.UnknownService => Language.Pick(lang, "Diese Dienstleistung gibt es nicht. Bitte wählen Sie eine aus der Liste.", "There is no such service. Please choose one from the list."),
        AgentFailure.UnknownOffice => Language.Pick(lang, "Ein gewählter Standort bietet diese Dienstleistung nicht an. Bitte wählen Sie Standorte aus der Liste.", "A chosen office does not offer this service. Please choose offices from the list."),
        AgentFailure.NoOffice => Language.Pick(lang, "Bitte wählen Sie mindestens einen Standort.", "Please choose at least one office."),
        AgentFailure.NoWeekday => Language.Pick(lang, "Bitte wählen Sie mindestens einen Wochentag.", "Please choose at least one weekday."),
        AgentFailure.NoTimeWindow => Language.Pick(lang, "Bitte geben Sie mindestens eine Uhrzeit an: von wann bis wann Sie können.", "Please enter at least one time of day: from when until when you can come."),
        AgentFailure.InvalidTimeWindow => Language.Pick(lang, "Bitte prüfen Sie die Uhrzeiten: „bis“ muss nach „von“ liegen, und der Zeitraum muss für die Dauer des Termins reichen.", "Please check the times: \"to\" must be after \"from\", and the time must be long enough for the appointment."),
        AgentFailure.InvalidDateRange => Language.Pick(lang, "Bitte prüfen Sie den Zeitraum: der letzte Tag darf nicht vor dem ersten oder in der Vergangenheit liegen, und beide höchstens ein Jahr in der Zukunft.", "Please check the dates: the last day may not be before the first one or in the past, and both at most a year ahead."),
        AgentFailure.InvalidContact => Language.Pick(lang, "Bitte prüfen Sie Ihre Angaben.", "Please check your details."),
        AgentFailure.LinkInvalid => Language.Pick(lang, "Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer E-Mail vollständig.", "This link is not valid. Please use the complete link from your email."),
        AgentFailure.LinkExpired => Language.Pick(lang, "Dieser Link ist abgelaufen. Der Terminwunsch wurde nicht rechtzeitig bestätigt. Bitte hinterlassen Sie ihn neu.", "This link has expired. The wish was not confirmed in time. Please leave it again."),
        AgentFailure.WishNotActive => Language.Pick(lang, "Dieser Terminwunsch ist nicht mehr aktiv.", "This appointment wish is no longer active."),
        AgentFailure.WishHasOpenOffer => Language.Pick(lang, "Für diesen Terminwunsch liegt gerade ein Terminangebot vor. Bitte nehmen Sie es an oder lehnen Sie es ab (Link in Ihrer E-Mail); danach können Sie den Wunsch wieder ändern.", "There is an open appointment offer for this wish. Please accept or decline it first (the link is in your email); then you can change the wish again."),
        AgentFailure.OfferClosed => Language.Pick(lang, "Dieses Terminangebot ist beendet. Sie können es nicht mehr annehmen oder ablehnen.", "This appointment offer has ended. It can no longer be accepted or declined."),
        AgentFailure.OfferExpired => Language.Pick(lang, "Die Frist für dieses Terminangebot ist abgelaufen. Der Termin geht an die nächste Person.", "The time to answer this appointment offer has run out. The appointment goes to the next person."),
        AgentFailure.TooManyPending => Language.Pick(lang, "Wir haben Ihnen für diese Dienstleistung schon mehrere E-Mails zur Bestätigung geschickt. Bitte öffnen Sie den Link in einer davon. Eine neue Anmeldung ist erst möglich, wenn ein Link abgelaufen ist.", "We have already sent you several emails to confirm a wish for this service. Please open the link in one of them. A new registration is possible once a link has expired."),
        AgentFailure.TooManyBookings => Language.Pick(lang, "Für diese Dienstleistung haben Sie mit dieser E-Mail-Adresse schon so viele Termine, wie eine Adresse haben kann. Bitte sagen Sie zuerst einen davon ab (der Link steht in Ihrer E-Mail); danach können Sie dieses Angebot bis zur Frist annehmen.", "You already have as many appointments for this service with this email address as one address can have. Please cancel one of them first (the link is in your email); then you can accept this offer until its deadline."),
        _ => Language.Pick(lang, "Das hat nicht geklappt.", "That did not work."),
    };

    public static string Status(WishStatus status, string lang) => status switch
    {
        WishStatus.Unconfirmed => Language.Pick(lang, "Noch nicht bestätigt – bitte klicken Sie auf den Link in unserer E-Mail.", "Not confirmed yet – please open the link in our email."),
        WishStatus.Waiting => Language.Pick(lang, "In der Warteschlange: Sobald ein passender Termin frei wird, bieten wir ihn Ihnen per E-Mail an.", "In the queue: as soon as a fitting time becomes free, we offer it to you by email."),
        WishStatus.Offered => Language.Pick(lang, "Terminangebot offen: Wir haben Ihnen einen Termin per E-Mail angeboten. Bitte nehmen Sie ihn über den Link in der E-Mail an oder lehnen Sie ihn ab.", "Offer open: we have offered you an appointment by email. Please accept or decline it through the link in that email."),
        WishStatus.Fulfilled => Language.Pick(lang, "Erfüllt: Sie haben ein Terminangebot angenommen. Die Terminbestätigung haben wir Ihnen per E-Mail geschickt.", "Fulfilled: you accepted an appointment offer. We have emailed you the confirmation."),
        WishStatus.Withdrawn => Language.Pick(lang, "Zurückgezogen: Dieser Terminwunsch ist beendet.", "Withdrawn: this appointment wish has ended."),
        WishStatus.Lapsed => Language.Pick(lang, "Verfallen: Ein Terminangebot wurde nicht rechtzeitig beantwortet. Dieser Terminwunsch ist beendet.", "Lapsed: an appointment offer was not answered in time. This appointment wish has ended."),
        WishStatus.Expired => Language.Pick(lang, "Abgelaufen: Bis zum letzten gewünschten Tag ist kein passender Termin frei geworden. Dieser Terminwunsch ist beendet.", "Expired: no fitting time became free by the last day you asked for. This appointment wish has ended."),
        _ => status.ToString(),
    };

    public static int StatusCodeFor(AgentFailure failure) => failure switch
    {
        AgentFailure.LinkInvalid or AgentFailure.UnknownService => 404,
        AgentFailure.LinkExpired or AgentFailure.WishNotActive or AgentFailure.OfferClosed or AgentFailure.OfferExpired => 410,
        AgentFailure.WishHasOpenOffer => 409,
        AgentFailure.TooManyPending or AgentFailure.TooManyBookings => 429,
        _ => 400,
    };

    public static string Weekdays(IEnumerable<IsoDayOfWeek> days, string lang) =>
        string.Join(", ", days.Select(day => Language.CultureOf(lang).DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7))));

    public static string Windows(IEnumerable<TimeWindow> windows, string lang) =>
        string.Join(", ", windows.Select(w => $"{WishForm.Format(w.From)}–{WishForm.Format(w.To)}" + Language.Pick(lang, " Uhr", "")));

    public static string Dates(LocalDate? earliest, LocalDate? latest, string lang) => (earliest, latest) switch
    {
        (null, null) => Language.Pick(lang, "jederzeit", "any time"),
        ({ } from, null) => Language.Pick(lang, $"ab {TimeFormat.Day(from, lang)}", $"from {TimeFormat.Day(from, lang)}"),
        (null, { } to) => Language.Pick(lang, $"bis {TimeFormat.Day(to, lang)}", $"until {TimeFormat.Day(to, lang)}"),
        ({ } from, { } to) => Language.Pick(lang, $"{TimeFormat.Day(from, lang)} bis {TimeFormat.Day(to, lang)}", $"{TimeFormat.Day(from, lang)} to {TimeFormat.Day(to, lang)}"),
    };

    public static string Ahead(int ahead, string lang) => ahead switch
    {
        0 => Language.Pick(lang, "Vor Ihnen wartet niemand mit einem Terminwunsch für diese Dienstleistung an diesen Standorten.", "Nobody with a wish for this service at these offices is ahead of you."),
        1 => Language.Pick(lang, "1 Terminwunsch vor Ihnen für diese Dienstleistung an diesen Standorten", "1 wish ahead of you for this service at these offices"),
        _ => Language.Pick(lang, $"{ahead} Terminwünsche vor Ihnen für diese Dienstleistung an diesen Standorten", $"{ahead} wishes ahead of you for this service at these offices"),
    };

    public static string ExpectedWait(int? days, string lang) => days switch
    {
        null => Language.Pick(lang, "noch keine Schätzung möglich", "no estimate possible yet"),
        1 => Language.Pick(lang, "etwa 1 Tag", "about 1 day"),
        { } n => Language.Pick(lang, $"etwa {n} Tage", $"about {n} days"),
    };
}
