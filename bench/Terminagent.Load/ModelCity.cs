using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Agent;
using Terminagent.Simulation;

namespace Terminagent.Load;

/// <summary>
/// The model city of the rush (RUSH_CITY=model): the city the simulation generates for a number of
/// contacts a year (tools/Terminagent.Simulation, --contacts-per-year, default 700,000), written as
/// a city file the web app reads through its CityFile setting. Same offices, services and opening
/// hours as the demo city; the counters are scaled so that a year's places meet the contacts.
/// </summary>
public static class ModelCity
{
    /// <summary>Places planned per expected contact, as the simulation plans (its Citizens.PlacesPerContact).</summary>
    private const double PlacesPerContact = 1.37;

    public static int Write(string path, int contactsPerYear, int offices, string? start)
    {
        var from = start is null ? new LocalDate(2027, 2, 2) : LocalDatePattern.Iso.Parse(start).GetValueOrThrow();
        var city = CityGenerator.Write(Path.GetFullPath(path), offices, contactsPerYear, DeadlineRule.Fixed, from, PlacesPerContact);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model city: {offices} offices, the demo city's counters ×{city.CounterFactor:0.00}, {city.PlacesPerYear:N0} places in the year from {from:yyyy-MM-dd} for {contactsPerYear:N0} contacts; written to {city.Path}"));
        return 0;
    }
}
