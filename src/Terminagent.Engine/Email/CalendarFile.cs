using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Terminagent.Engine.Email;

/// <summary>The .ics file attached to appointment emails, so calendar programs can add (or drop) the event.</summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";
    public const string CancelContentType = "text/calendar; charset=utf-8; method=CANCEL";

    private const string ProductId = "-//Terminagent//Terminagent//DE";

    /// <summary>
    /// The VTIMEZONE rules are taken from zone transitions since this date; only the current rules
    /// are written, as recurrence rules, so a fixed date keeps the output independent of any clock.
    /// </summary>
    private static readonly DateTime ZoneRulesSince = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// One VEVENT with start and end as wall-clock times in <paramref name="zone"/> (TZID plus a
    /// VTIMEZONE, so daylight saving comes out right in every calendar program; in UTC within the
    /// repeated hour of the night the clocks go back). DTSTAMP is
    /// <c>stamp</c>, the moment the file is written (pass the clock's now); without it, the start.
    /// </summary>
    public static string ForAppointment(
        Guid uid,
        int sequence,
        string summary,
        string location,
        string description,
        Instant start,
        Instant end,
        DateTimeZone zone,
        bool cancelled,
        Instant? stamp = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (end < start)
        {
            throw new ArgumentException("The appointment must not end before it starts.", nameof(end));
        }

        var calendar = new Calendar
        {
            ProductId = ProductId,
            Method = cancelled ? "CANCEL" : "PUBLISH",
        };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, ZoneRulesSince, includeHistoricalData: false));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{uid:D}@terminagent",
            Sequence = sequence,
            DtStamp = new CalDateTime((stamp ?? start).ToDateTimeUtc(), CalDateTime.UtcTzId),
            DtStart = Local(start, zone),
            DtEnd = Local(end, zone),
            Summary = summary,
            Location = location,
            Description = description,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        });
        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar could not be serialised.");
    }

    /// <summary>
    /// Wall-clock time with TZID, except in the hour repeated when the clocks go back: a calendar
    /// reads such a local time as its first occurrence (RFC 5545 3.3.5), so it is written in UTC.
    /// </summary>
    private static CalDateTime Local(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        if (zone.MapLocal(local).Count > 1)
        {
            return new CalDateTime(instant.ToDateTimeUtc(), CalDateTime.UtcTzId);
        }

        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);
    }
}
