using System.Globalization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Devices;

public static class DeviceTexts
{
    public static string Kind(DeviceKind kind, string language) => kind switch
    {
        DeviceKind.Kiosk => Language.Pick(language, "Kiosk", "Kiosk"),
        DeviceKind.CallDisplay => Language.Pick(language, "Aufrufanzeige", "Call display"),
        _ => kind.ToString(),
    };

    public static string Moment(Instant instant, Office office, string language) =>
        instant.InZone(office.Zone).ToString(Language.Pick(language, "dd.MM.yyyy, HH:mm 'Uhr'", "yyyy-MM-dd HH:mm"), CultureInfo.InvariantCulture);

    /// <summary>Where an activated device goes: its kiosk or call display page (the office is its route value).</summary>
    public static string PageOf(Device device) =>
        device.Kind == DeviceKind.Kiosk ? "/Kiosk/Index" : "/CallDisplay/Index";
}
