using Microsoft.Extensions.Configuration;
using Terminagent.Engine.Cities;

namespace Terminagent.Engine.Tests.Cities;

/// <summary>A wrong city file stops the app with messages that name the wrong key.</summary>
public sealed class CityConfigurationTests
{
    [Fact]
    public void DemoCity_IsValid_WithElevenOfficesAndAKiosklessUnterbach()
    {
        var (city, errors) = CityFactory.Build(Load("city.json"));

        Assert.Empty(errors);
        Assert.Equal(11, city!.Offices.Count);
        Assert.Contains(city.Offices, o => o.Name.Contains("Hauptbahnhof", StringComparison.Ordinal) && o.HasKiosk);
        Assert.Contains(city.Offices, o => o.Name.Contains("Unterbach", StringComparison.Ordinal) && !o.HasKiosk);
        Assert.InRange(city.Services.Count, 8, 12);
        Assert.All(city.Offices, o => Assert.Equal("Europe/Berlin", o.Zone.Id));
        Assert.All(city.Offices, o => Assert.Equal(new NodaTime.LocalTime(9, 0), o.Release.AdvanceReleaseTime));
        Assert.All(city.Offices, o => Assert.Equal(21, o.Release.AdvanceLeadDays));
        Assert.All(city.Offices, o => Assert.Equal(new NodaTime.LocalTime(7, 0), o.Release.SameDayReleaseTime));
    }

    [Theory]
    [InlineData("City:Offices:0:TimeZone", "Europe/Berln", "City:Offices:0:TimeZone")]
    [InlineData("City:Offices:1:OpeningHours:Monday:0:From", "8 Uhr", "City:Offices:1:OpeningHours:Monday:0:From")]
    [InlineData("City:Offices:1:OpeningHours:Monday:0:To", "07:00", "City:Offices:1:OpeningHours:Monday:0:To")]
    [InlineData("City:Offices:2:OpeningHours:Monday:0:Counters", "0", "City:Offices:2:OpeningHours:Monday:0:Counters")]
    [InlineData("City:Offices:3:ClosedDays:0", "24.12.2026", "City:Offices:3:ClosedDays:0")]
    [InlineData("City:Offices:4:Id", "Ober Kassel", "City:Offices:4:Id")]
    [InlineData("City:Services:0:Offices:0", "atlantis", "City:Services:0:Offices:0")]
    [InlineData("City:Services:1:DurationMinutes", "0", "City:Services:1:DurationMinutes")]
    [InlineData("City:Release:SameDaySharePercent", "120", "City:Release:SameDaySharePercent")]
    [InlineData("City:Release:AdvanceReleaseTime", "25:00", "City:Release:AdvanceReleaseTime")]
    [InlineData("City:SlotMinutes", "0", "City:SlotMinutes")]
    [InlineData("City:Agent:DeadlineRule", "Shrinking", "City:Agent:DeadlineRule")]
    public void WrongValue_IsReportedWithItsKey(string key, string value, string expectedKey)
    {
        var (city, errors) = CityFactory.Build(Load("city.json", (key, value)));

        Assert.Null(city);
        Assert.Contains(errors, e => e.StartsWith(expectedKey + ":", StringComparison.Ordinal) || e.StartsWith(expectedKey + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void DeadlineRule_IsReadForTheCityAndEachOffice()
    {
        var (city, errors) = CityFactory.Build(Load(
            "city.json", ("City:Agent:DeadlineRule", "ShortensAsSlotNears"), ("City:Offices:1:Agent:DeadlineRule", "Fixed")));

        Assert.Empty(errors);
        Assert.Equal(Domain.Agent.DeadlineRule.ShortensAsSlotNears, city!.Offices[0].Agent.Rule);
        Assert.Equal(Domain.Agent.DeadlineRule.Fixed, city.Offices[1].Agent.Rule);
    }

    [Fact]
    public void UnknownWeekday_IsReportedWithItsKey()
    {
        var (_, errors) = CityFactory.Build(Load("city.json", ("City:Offices:0:OpeningHours:Funday:0:From", "08:00"), ("City:Offices:0:OpeningHours:Funday:0:To", "09:00")));

        Assert.Contains(errors, e => e.StartsWith("City:Offices:0:OpeningHours:Funday:", StringComparison.Ordinal));
    }

    private static CityOptions Load(string file, params (string Key, string Value)[] overrides)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(path)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
        var options = new CityOptions();
        configuration.GetSection(CityOptions.Section).Bind(options);
        return options;
    }
}
