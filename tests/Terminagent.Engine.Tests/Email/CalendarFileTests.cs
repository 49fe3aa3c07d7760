using Ical.Net;
using NodaTime;
using Terminagent.Engine.Email;

namespace Terminagent.Engine.Tests.Email;

public sealed class CalendarFileTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Guid Uid = Guid.Parse("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b");
    private static readonly Instant Stamp = Instant.FromUtc(2026, 10, 1, 8, 0);

    private static Instant InBerlin(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Berlin).ToInstant();

    private static string Ics(Instant start, bool cancelled = false, int sequence = 3) =>
        CalendarFile.ForAppointment(
            Uid, sequence, "Personalausweis beantragen; Reisepass", "Bürgerbüro Mitte, Marktplatz 1",
            "Buchungscode K7M4-P2QX", start, start + Duration.FromMinutes(30), Berlin, cancelled, Stamp);

    [Fact]
    public void AutumnDstDay_StartIsTenLocalWithTzid_AndNineUtc()
    {
        var ics = Ics(InBerlin(2026, 10, 25, 10, 0));

        var calendar = Calendar.Load(ics)!;
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal("Europe/Berlin", appointment.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 10, 25, 10, 0, 0), appointment.DtStart.Value);
        Assert.Equal(new DateTime(2026, 10, 25, 9, 0, 0, DateTimeKind.Utc), appointment.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 25, 9, 30, 0, DateTimeKind.Utc), appointment.DtEnd!.AsUtc);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20261025T100000", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void SpringDstDay_StartIsTenLocal_AndEightUtc()
    {
        var ics = Ics(InBerlin(2026, 3, 29, 10, 0));

        var appointment = Assert.Single(Calendar.Load(ics)!.Events);
        Assert.Equal(new DateTime(2026, 3, 29, 10, 0, 0), appointment.DtStart!.Value);
        Assert.Equal(new DateTime(2026, 3, 29, 8, 0, 0, DateTimeKind.Utc), appointment.DtStart.AsUtc);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20260329T100000", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "20271031T000000Z")]
    [InlineData(1, "20271031T010000Z")]
    public void FallBackNight_EitherTwoOClock_IsWrittenInUtc_SoCalendarsCannotMistakeIt(int hoursAfterTheFirst, string utc)
    {
        // 2027-10-31: 02:00 in Berlin comes twice, first in summer time (00:00 UTC), then in winter time (01:00 UTC).
        var start = Instant.FromUtc(2027, 10, 31, 0, 0) + Duration.FromHours(hoursAfterTheFirst);
        Assert.Equal(new LocalTime(2, 0), start.InZone(Berlin).TimeOfDay);

        var ics = Ics(start);

        var appointment = Assert.Single(Calendar.Load(ics)!.Events);
        Assert.Equal(start.ToDateTimeUtc(), appointment.DtStart!.AsUtc);
        Assert.Equal((start + Duration.FromMinutes(30)).ToDateTimeUtc(), appointment.DtEnd!.AsUtc);
        Assert.Contains($"DTSTART:{utc}", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("DTSTART;TZID", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void FallBackNight_OtherHours_KeepTheirWallClockTime()
    {
        var ics = Ics(Instant.FromUtc(2027, 10, 31, 2, 0));

        Assert.Contains("DTSTART;TZID=Europe/Berlin:20271031T030000", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeZoneBlock_CarriesTheEuropeanDaylightSavingRules()
    {
        var ics = Ics(InBerlin(2026, 10, 25, 10, 0));

        var zone = Assert.Single(Calendar.Load(ics)!.TimeZones);
        Assert.Equal("Europe/Berlin", zone.TzId);
        var standard = Assert.Single(zone.TimeZoneInfos, i => i.Name == "STANDARD");
        var daylight = Assert.Single(zone.TimeZoneInfos, i => i.Name == "DAYLIGHT");
        Assert.Equal(TimeSpan.FromHours(1), standard.OffsetTo!.Offset);
        Assert.Equal(TimeSpan.FromHours(2), daylight.OffsetTo!.Offset);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", ics, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Booked_IsPublishedAndConfirmed_WithUidSequenceAndStamp()
    {
        var ics = Ics(InBerlin(2026, 11, 30, 9, 15), sequence: 3);

        var calendar = Calendar.Load(ics)!;
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal("CONFIRMED", appointment.Status);
        Assert.Equal("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@terminagent", appointment.Uid);
        Assert.Equal(3, appointment.Sequence);
        Assert.Equal(new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc), appointment.DtStamp!.AsUtc);
        Assert.Equal("Personalausweis beantragen; Reisepass", appointment.Summary);
        Assert.Equal("Bürgerbüro Mitte, Marktplatz 1", appointment.Location);
        Assert.Equal("Buchungscode K7M4-P2QX", appointment.Description);
    }

    [Fact]
    public void Cancelled_HasMethodCancelAndStatusCancelled()
    {
        var ics = Ics(InBerlin(2026, 11, 30, 9, 15), cancelled: true, sequence: 4);

        var calendar = Calendar.Load(ics)!;
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", appointment.Status);
        Assert.Equal(4, appointment.Sequence);
        Assert.Equal("0193a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@terminagent", appointment.Uid);
        Assert.Contains("METHOD:CANCEL", ics, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void SameAppointment_GivesTheSameBytes()
    {
        var start = InBerlin(2026, 11, 30, 9, 15);

        Assert.Equal(Ics(start), Ics(start));
    }
}
