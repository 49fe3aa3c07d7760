using Microsoft.Extensions.Configuration;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Cities;

namespace Terminagent.Benchmarks;

/// <summary>The demo city (src/Terminagent.Engine/Cities/demo-city.json, beside the benchmark as city.json) and the fixed moments the benchmarks use.</summary>
public static class DemoCity
{
    /// <summary>The city file as the app ships it.</summary>
    public static string File => CityCatalog.DemoCityFile;

    /// <summary>
    /// Thursday 14 January 2027, 08:55 in Demostadt: five minutes before the 09:00 advance release
    /// of Thursday 4 February (a day with morning and afternoon hours in every office, no holiday near).
    /// </summary>
    public static Instant ReleaseMorning { get; } = Instant.FromUtc(2027, 1, 14, 7, 55);

    public static City Load()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(File, optional: false).Build();
        var options = configuration.GetSection(CityOptions.Section).Get<CityOptions>()
            ?? throw new InvalidOperationException($"{File} has no City section.");
        var (city, errors) = CityFactory.Build(options);
        return city ?? throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }
}
