using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Cities;

namespace Terminagent.Simulation;

/// <summary>
/// Writes a city file like the demo city (src/Terminagent.Engine/Cities/demo-city.json) with any number of
/// offices, its counters scaled so that a year's capacity meets the contacts the city expects.
/// </summary>
public static class CityGenerator
{
    /// <summary>Writes the city to <paramref name="path"/>; a release share of null keeps the demo city's.</summary>
    public static GeneratedCity Write(
        string path, int offices, int contactsPerYear, DeadlineRule rule, LocalDate start, double placesPerContact, int? releaseSharePercent = null)
    {
        var demo = JsonNode.Parse(File.ReadAllText(CityCatalog.DemoCityFile))!.AsObject();
        var unscaled = Build(demo, offices, factor: 1, rule, releaseSharePercent);
        var placesPerYear = PlacesPerYear(unscaled, start);
        var factor = contactsPerYear * placesPerContact / placesPerYear;
        var scaled = Build(demo, offices, factor, rule, releaseSharePercent);
        File.WriteAllText(path, scaled.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new GeneratedCity(path, PlacesPerYear(scaled, start), factor);
    }

    private static JsonObject Build(JsonObject demo, int count, double factor, DeadlineRule rule, int? releaseSharePercent)
    {
        var city = demo["City"]!.DeepClone().AsObject();
        city["Agent"]!["DeadlineRule"] = rule.ToString();
        if (releaseSharePercent is { } share)
        {
            city["Agent"]!["ReleaseSharePercent"] = share;
        }

        var templates = city["Offices"]!.AsArray();
        var offices = new JsonArray();
        var templateOf = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var office = templates[i % templates.Count]!.DeepClone().AsObject();
            var round = i / templates.Count;
            var templateId = (string)office["Id"]!;
            if (round > 0)
            {
                office["Id"] = $"{templateId}-{round + 1}";
                office["Name"] = $"{(string)office["Name"]!} {round + 1}";
            }

            templateOf[(string)office["Id"]!] = templateId;
            foreach (var (_, periods) in office["OpeningHours"]!.AsObject())
            {
                foreach (var period in periods!.AsArray())
                {
                    period!["Counters"] = Math.Max(1, (int)Math.Round((int)period["Counters"]! * factor));
                }
            }

            offices.Add(office);
        }

        city["Offices"] = offices;
        foreach (var service in city["Services"]!.AsArray())
        {
            var at = service!["Offices"]!.AsArray().Select(o => (string)o!).ToHashSet();
            service["Offices"] = new JsonArray(templateOf.Where(t => at.Contains(t.Value)).Select(t => (JsonNode)JsonValue.Create(t.Key)).ToArray());
        }

        return new JsonObject { ["City"] = city };
    }

    /// <summary>Slot places in the year from <paramref name="start"/>, as the schedule would plan them.</summary>
    private static long PlacesPerYear(JsonObject file, LocalDate start)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(file))).Build();
        var options = new CityOptions();
        configuration.GetSection(CityOptions.Section).Bind(options);
        var (city, errors) = CityFactory.Build(options);
        if (city is null)
        {
            throw new InvalidOperationException("The generated city is invalid: " + string.Join(" ", errors));
        }

        return city.Offices.Sum(o => SlotPlanner.PlanDays(o, start, start.PlusDays(364), city.SlotLength).Sum(s => (long)s.Capacity));
    }
}

public sealed record GeneratedCity(string Path, long PlacesPerYear, double CounterFactor);
