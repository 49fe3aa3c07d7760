using Microsoft.Extensions.Configuration;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Tests.Time;

public sealed class DemoClockTests
{
    [Fact]
    public void WithoutStartAt_TheSystemClockIsUsed() =>
        Assert.Same(TimeProvider.System, ShiftedTimeProvider.FromConfiguration(Settings(null)));

    [Fact]
    public void StartAt_MovesTheClockThere_AndItRunsOn()
    {
        var startAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1));

        var clock = ShiftedTimeProvider.FromConfiguration(Settings("2026-12-01T09:30:00+01:00"));
        var first = clock.GetUtcNow();
        var second = clock.GetUtcNow();

        Assert.InRange(first, startAt, startAt.AddHours(1));
        Assert.True(second >= first);
    }

    [Fact]
    public void UnreadableStartAt_StopsTheAppWithTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ShiftedTimeProvider.FromConfiguration(Settings("Dienstag früh")));

        Assert.Contains("Clock:StartAt", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? startAt) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:StartAt"] = startAt }).Build();
}
