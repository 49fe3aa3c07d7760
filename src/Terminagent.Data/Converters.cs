using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Terminagent.Data;

internal sealed class InstantAsUtcDateTime() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

internal sealed class InstantAsTicks() : ValueConverter<Instant, long>(
    instant => instant.ToUnixTimeTicks(),
    ticks => Instant.FromUnixTimeTicks(ticks));

internal sealed class LocalDateAsDateOnly() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    dateOnly => LocalDate.FromDateOnly(dateOnly));
