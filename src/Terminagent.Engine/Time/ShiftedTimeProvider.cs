using NodaTime;
using Terminagent.Engine.Cities;

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

    /// <summary>
    /// The clock the configuration asks for: <paramref name="system"/> (the system's when not given),
    /// or that clock shifted to <c>Clock:StartAt</c> (see <see cref="DemoStart"/>).
    /// </summary>
    public static TimeProvider FromConfiguration(IConfiguration configuration, TimeProvider? system = null)
    {
        system ??= System;
        var startAt = configuration[DemoStart.Key];
        if (string.IsNullOrWhiteSpace(startAt))
        {
            return system;
        }

        var cityFile = new CityOptions();
        configuration.GetSection(CityOptions.Section).Bind(cityFile);
        var moment = DemoStart.Resolve(startAt, cityFile, Instant.FromDateTimeOffset(system.GetUtcNow()));
        return new ShiftedTimeProvider(moment.ToDateTimeOffset(), system);
    }
}
