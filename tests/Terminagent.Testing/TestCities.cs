using NodaTime;

namespace Terminagent.Testing;

/// <summary>The city files shipped with the tests (under Cities/), and the moment tests start at.</summary>
public static class TestCities
{
    /// <summary>Monday 30 November 2026, 10:00 in Demostadt: after the day's releases.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 11, 30, 9, 0);

    /// <summary>A city file shipped with the tests, under Cities/.</summary>
    public static string Named(string name) => Path.Combine(AppContext.BaseDirectory, "Cities", name);
}
