using NodaTime;

namespace Terminagent.Engine.Time;

/// <summary>The app's only clock: the injected <see cref="TimeProvider"/>, read as a NodaTime instant.</summary>
public sealed class Clock(TimeProvider time)
{
    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public TimeProvider Provider => time;
}
