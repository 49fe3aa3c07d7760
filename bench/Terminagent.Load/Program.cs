using System.Globalization;
using Terminagent.Load;

// A load generator for the benchmark scripts (scripts/bench-rush.sh, scripts/bench-availability.sh):
// a measurement, not a test. It uses the real clock to measure.
//   rush         --instances URL[,URL] --database CONNSTR [--clients 200] [--seconds 20] [--day yyyy-MM-dd] [--warmup 5]
//                [--rate N (open loop: N citizens a second instead of --clients workers)] [--drain 60] [--reset-pg-stats true] [--warm-bookings 60]
//   availability --instances URL[,URL] [--clients 50] [--seconds 10]
//   lastplace    --instances URL[,URL] --database CONNSTR --day yyyy-MM-dd [--clients 400] [--reset-pg-stats true]
//   city         --out FILE [--contacts-per-year 700000] [--offices 11] [--start yyyy-MM-dd]   (the model city, as the simulation generates it)
var mode = args.Length > 0 ? args[0] : "";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string? Get(string key) => options.TryGetValue(key, out var value) ? value : null;
int Int(string key, int fallback) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
double Double(string key, double fallback) => Get(key) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
bool Bool(string key) => Get(key) is { } v && bool.Parse(v);
List<Uri> Instances() => [.. (Get("instances") ?? "http://127.0.0.1:5000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u))];

switch (mode)
{
    case "rush" when Get("database") is { } database:
        return await Rush.RunAsync(new RushOptions(
            Instances(), Int("clients", 200), TimeSpan.FromSeconds(Int("seconds", 20)), Get("day"), database, TimeSpan.FromSeconds(Int("warmup", 5)),
            Double("rate", 0), TimeSpan.FromSeconds(Int("drain", 60)), Bool("reset-pg-stats"), Int("warm-bookings", 60)));
    case "availability":
        return await AvailabilityLoad.RunAsync(new AvailabilityOptions(
            Instances(), Int("clients", 50), TimeSpan.FromSeconds(Int("seconds", 10))));
    case "lastplace" when Get("database") is { } database && Get("day") is { } day:
        return await LastPlace.RunAsync(new LastPlaceOptions(Instances(), Int("clients", 400), day, database, Bool("reset-pg-stats")));
    case "city" when Get("out") is { } output:
        return ModelCity.Write(output, Int("contacts-per-year", 700_000), Int("offices", 11), Get("start"));
    default:
        Console.Error.WriteLine("""
            usage: Terminagent.Load rush --instances URL[,URL] --database CONNSTR [--clients 200] [--seconds 20] [--day yyyy-MM-dd] [--warmup 5]
                                        [--rate N] [--drain 60] [--reset-pg-stats true] [--warm-bookings 60]
                   Terminagent.Load availability --instances URL[,URL] [--clients 50] [--seconds 10]
                   Terminagent.Load lastplace --instances URL[,URL] --database CONNSTR --day yyyy-MM-dd [--clients 400] [--reset-pg-stats true]
                   Terminagent.Load city --out FILE [--contacts-per-year 700000] [--offices 11] [--start yyyy-MM-dd]
            """);
        return 2;
}
