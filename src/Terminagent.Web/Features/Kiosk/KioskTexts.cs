using System.Globalization;
using Microsoft.AspNetCore.Mvc.Localization;
using Terminagent.Domain.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Texts;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Kiosk;

/// <summary>The kiosk's texts: <c>KioskTexts.resx</c> and its languages beside this file.</summary>
public sealed class KioskTexts
{
    /// <summary>The example a walk-in compares their booking code with.</summary>
    public const string ExampleCode = "K7M4-P2QX";

    public static string ReleaseTime(Office office) =>
        office.Release.SameDayReleaseTime.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a walk-in reads at the kiosk when a ticket or a check-in cannot be had, in the request's
/// language. Times and codes read left to right inside an Arabic sentence.
/// </summary>
public static class KioskMessages
{
    public static LocalizedHtmlString Refusal(this IHtmlLocalizer<KioskTexts> t, TicketRefusal refusal, Office office) => refusal switch
    {
        TicketRefusal.NoKiosk => t["Refusal.NoKiosk", office.Name],
        TicketRefusal.BeforeRelease => t["Refusal.BeforeRelease", Bidi.Ltr(KioskTexts.ReleaseTime(office))],
        TicketRefusal.UnknownOffice or TicketRefusal.UnknownService or TicketRefusal.ServiceNotOffered => t[$"Refusal.{refusal}"],
        _ => t["Refusal.NoneLeft"],
    };

    public static LocalizedHtmlString Wait(this IHtmlLocalizer<KioskTexts> t, int minutes, Domain.OfficeDay.Ticket ticket, Office office) =>
        minutes <= 0
            ? t["Wait.Shortly"]
            : t["Wait.Minutes", minutes, Bidi.Ltr(TimeFormat.Time(ticket.DueAt, office))];

    public static LocalizedHtmlString CheckedIn(this IHtmlLocalizer<KioskTexts> t, string code, bool already) =>
        t[already ? "CheckedIn.Already" : "CheckedIn", Bidi.Ltr(code)];

    public static LocalizedHtmlString CheckInRefusal(this IHtmlLocalizer<KioskTexts> t, CheckInResult result, City city, Office office, string lang)
    {
        var booking = result.Booking;
        return result.Refusal switch
        {
            Engine.OfficeDay.CheckInRefusal.Cancelled or Engine.OfficeDay.CheckInRefusal.NotConfirmed or Engine.OfficeDay.CheckInRefusal.TooLate =>
                t[$"CheckInRefusal.{result.Refusal}"],
            Engine.OfficeDay.CheckInRefusal.OtherOffice when booking is not null && city.FindOffice(booking.OfficeId) is { } right =>
                t["CheckInRefusal.OtherOffice", right.Name, right.Address],
            Engine.OfficeDay.CheckInRefusal.OtherDay when booking is not null =>
                t["CheckInRefusal.OtherDay", TimeFormat.DayOf(booking.Start, office, lang), Bidi.Ltr(TimeFormat.Time(booking.Start, office))],
            _ => t["CheckInRefusal.UnknownCode", Bidi.Ltr(KioskTexts.ExampleCode)],
        };
    }
}
