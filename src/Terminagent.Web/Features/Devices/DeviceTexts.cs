using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Staff;

namespace Terminagent.Web.Features.Devices;

/// <summary>The texts of the device pages, German and English (staff only): <c>DeviceTexts.resx</c> beside this file.</summary>
public sealed class DeviceTexts
{
    /// <summary>Where an activated device goes: its kiosk or call display page (the office is its route value).</summary>
    public static string PageOf(Device device) =>
        device.Kind == DeviceKind.Kiosk ? "/Kiosk/Index" : "/CallDisplay/Index";
}

public static class DeviceWords
{
    public static string Kind(this IStringLocalizer<DeviceTexts> t, DeviceKind kind) =>
        kind is DeviceKind.Kiosk or DeviceKind.CallDisplay ? t[$"Kind.{kind}"] : kind.ToString();

    public static string Moment(this IStringLocalizer<DeviceTexts> t, Instant instant, Office office) =>
        instant.InZone(office.Zone).ToString(t["Moment.Pattern"], CultureInfo.InvariantCulture);
}
