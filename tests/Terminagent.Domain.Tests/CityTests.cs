using NodaTime;
using Terminagent.Domain.Cities;
using static Terminagent.Domain.Tests.TestOffices;

namespace Terminagent.Domain.Tests;

public class CityTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(15, 1)]
    [InlineData(20, 2)]
    [InlineData(30, 2)]
    [InlineData(45, 3)]
    [InlineData(60, 4)]
    public void SlotsNeeded_RoundsTheServiceUpToWholeSlots(int minutes, int expected)
    {
        var service = new Service("s", "Dienst", "Service", Duration.FromMinutes(minutes), ["mitte"]);

        Assert.Equal(expected, TestCity([Morning()], [service]).SlotsNeeded(service));
    }

    [Fact]
    public void OfficesOffering_AreOnlyThoseTheServiceNames()
    {
        var service = new Service("s", "Dienst", "Service", Duration.FromMinutes(15), ["nord"]);
        var city = TestCity([Morning(id: "mitte"), Morning(id: "nord")], [service]);

        Assert.Equal(["nord"], city.OfficesOffering(service).Select(o => o.Id));
        Assert.Equal("nord", city.FindOffice("nord")?.Id);
        Assert.Null(city.FindOffice("sued"));
        Assert.Same(service, city.FindService("s"));
    }

    [Fact]
    public void ServiceName_IsTheCitysForGermanAndEnglish_TheTranslationOtherwise_AndGermanWithoutOne()
    {
        var service = new Service("s", "Personalausweis", "Identity card", Duration.FromMinutes(15), [])
        {
            Translations = new Dictionary<string, string> { ["tr"] = "Kimlik kartı" },
        };

        Assert.Equal("Identity card", service.NameIn("en"));
        Assert.Equal("Personalausweis", service.NameIn("de"));
        Assert.Equal("Kimlik kartı", service.NameIn("tr"));
        Assert.Equal("Personalausweis", service.NameIn("uk"));
    }

    private static City TestCity(IReadOnlyList<Office> offices, IReadOnlyList<Service> services) =>
        new("Teststadt", Quarter, Duration.FromMinutes(30), offices, services);
}
