using Microsoft.Extensions.Configuration;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Cities;

namespace Terminagent.Simulation.Tests;

/// <summary>The generated city: the agent's release share is the demo city's unless the run sets it.</summary>
public sealed class CityGeneratorTests
{
    [Theory]
    [InlineData(null, 50)]
    [InlineData(30, 30)]
    [InlineData(0, 0)]
    public void ReleaseShare_IsTheDemoCitysUnlessGiven(int? given, int expected)
    {
        var work = Directory.CreateTempSubdirectory("terminagent-citygen-");
        try
        {
            var generated = CityGenerator.Write(
                Path.Combine(work.FullName, "city.json"), 3, 20_000, DeadlineRule.ShortensAsSlotNears, new LocalDate(2027, 1, 4), SimulationRun.PlacesPerContact, given);

            var city = Load(generated.Path);
            Assert.Equal(3, city.Offices.Count);
            Assert.All(city.Offices, o => Assert.Equal(expected, o.Agent.ReleaseSharePercent));
            Assert.All(city.Offices, o => Assert.Equal(DeadlineRule.ShortensAsSlotNears, o.Agent.Rule));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static City Load(string path)
    {
        var options = new CityOptions();
        new ConfigurationBuilder().AddJsonFile(path).Build().GetSection(CityOptions.Section).Bind(options);
        var (city, errors) = CityFactory.Build(options);
        Assert.Empty(errors);
        return city!;
    }
}
