namespace Terminagent.Engine.Time;

/// <summary>
/// The system clock moved to another moment, then running at normal speed: for demonstrations and
/// staff training outside opening hours (<c>Clock:StartAt</c>, read by
/// <see cref="Cities.DemoStart"/>). Never set in production.
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
}
