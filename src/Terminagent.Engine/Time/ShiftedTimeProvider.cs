using System.Globalization;

namespace Terminagent.Engine.Time;

/// <summary>
/// The system clock moved to another moment, then running at normal speed: for demonstrations and
/// staff training outside opening hours (<c>Clock:StartAt</c>). Never set in production.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset startAt, TimeProvider inner) : TimeProvider
{
    private readonly TimeSpan offset = startAt - inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>The clock the configuration asks for: the system's, or shifted to <c>Clock:StartAt</c>.</summary>
    public static TimeProvider FromConfiguration(IConfiguration configuration)
    {
        var startAt = configuration["Clock:StartAt"];
        if (string.IsNullOrWhiteSpace(startAt))
        {
            return System;
        }

        if (!DateTimeOffset.TryParse(startAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            throw new InvalidOperationException($"Clock:StartAt: '{startAt}' is not a date and time, e.g. 2026-12-01T09:30:00+01:00.");
        }

        return new ShiftedTimeProvider(moment, System);
    }
}
