using System.CommandLine;
using Spectre.Console;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Simulation;

var days = new Option<int>("--days") { Description = "Simulated days (300 ≈ ten months).", DefaultValueFactory = _ => 300 };
var offices = new Option<int>("--offices") { Description = "Offices of the generated city.", DefaultValueFactory = _ => 11 };
var contacts = new Option<int>("--contacts-per-year") { Description = "Appointments a year the capacity is planned for.", DefaultValueFactory = _ => 700_000 };
var wishes = new Option<int>("--wishes-per-day") { Description = "Citizens a day beyond the planned capacity; most leave a wish.", DefaultValueFactory = _ => 700 };
var decline = new Option<double>("--decline-rate") { Description = "Share of offers declined (half keep the wish).", DefaultValueFactory = _ => 0.14 };
var ignore = new Option<double>("--ignore-rate") { Description = "Share of offers never answered (they lapse).", DefaultValueFactory = _ => 0.05 };
var cancel = new Option<double>("--cancel-rate") { Description = "Share of appointments cancelled before their start.", DefaultValueFactory = _ => 0.06 };
var noShow = new Option<double>("--no-show-rate") { Description = "Share of appointments whose citizen does not come.", DefaultValueFactory = _ => 0.07 };
var answerHours = new Option<double>("--answer-hours") { Description = "Median hours until a citizen answers an offer.", DefaultValueFactory = _ => 3 };
var releaseShare = new Option<int?>("--release-share")
{
    Description = "Percent of each release the generated city's agent may offer (the demo city's own is 50; with --city, the file's).",
    DefaultValueFactory = _ => SimulationOptions.CalibratedReleaseSharePercent,
};
releaseShare.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int?>() is < 0 or > 100)
    {
        r.AddError("--release-share must be between 0 and 100.");
    }
});
var seed = new Option<int>("--seed") { Description = "Seed of the citizens' random choices.", DefaultValueFactory = _ => 42 };
var policy = new Option<string>("--policy")
{
    Description = "Offer deadline rule: fixed, shortening, keeping (shortens, and a short deadline's first lapse keeps the wish waiting), forgiving (fixed, and the first lapse of an offer the cutoff cut short keeps the wish waiting), both (fixed and shortening) or all four side by side.",
    DefaultValueFactory = _ => "all",
};
policy.AcceptOnlyFromAmong("fixed", "shortening", "keeping", "forgiving", "both", "all");
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; each policy gets the database named there plus _fixed / _shortening / _keeping / _forgiving (dropped and created)." };
var database = new Option<string>("--database") { Description = "SQLite file (each policy gets -fixed / -shortening / -keeping / -forgiving added when several run); replaced.", DefaultValueFactory = _ => "simulation.db" };
var cityFile = new Option<string?>("--city") { Description = "Use this city file instead of generating one (its deadline rule is used as it is)." };

var report = new Option<string>("--report") { Description = "Also write the report to <this>.json and <this>.csv (one row per policy).", DefaultValueFactory = _ => "simulation-report" };
var parallel = new Option<int>("--parallel")
{
    Description = "How many policies play at once, each on a core of its own (default: the processor count); each stays reproducible from the seed.",
    DefaultValueFactory = _ => Environment.ProcessorCount,
};
parallel.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() < 1)
    {
        r.AddError("--parallel must be at least 1.");
    }
});
var statementProfile = new Option<bool>("--statement-profile") { Description = "Time every SQL statement and print the costliest 25 at the end (of the days after the first, if there are any)." };

var root = new RootCommand("Plays a city through months of operation at simulated time, with the real engine and database, and prints a report.")
{
    days, offices, contacts, wishes, decline, ignore, cancel, noShow, answerHours, releaseShare, seed, policy, postgres, database, cityFile, report, parallel, statementProfile,
};
root.SetAction(async (parse, ct) =>
{
    var rules = parse.GetValue(policy) switch
    {
        "fixed" => new[] { DeadlineRule.Fixed },
        "shortening" => [DeadlineRule.ShortensAsSlotNears],
        "keeping" => [DeadlineRule.ShortensAndKeepsWaiting],
        "forgiving" => [DeadlineRule.FixedAndKeepsWaiting],
        "both" => [DeadlineRule.Fixed, DeadlineRule.ShortensAsSlotNears],
        _ => [DeadlineRule.Fixed, DeadlineRule.ShortensAsSlotNears, DeadlineRule.ShortensAndKeepsWaiting, DeadlineRule.FixedAndKeepsWaiting],
    };
    var pg = parse.GetValue(postgres);
    var runs = rules.Select(rule => new SimulationOptions
    {
        Days = parse.GetValue(days),
        Offices = parse.GetValue(offices),
        ContactsPerYear = parse.GetValue(contacts),
        WishesPerDay = parse.GetValue(wishes),
        DeclineRate = parse.GetValue(decline),
        IgnoreRate = parse.GetValue(ignore),
        CancelRate = parse.GetValue(cancel),
        NoShowRate = parse.GetValue(noShow),
        MedianAnswerDelay = NodaTime.Duration.FromMinutes(parse.GetValue(answerHours) * 60),
        Seed = parse.GetValue(seed),
        ReleaseSharePercent = parse.GetValue(releaseShare),
        Rule = rule,
        CityFile = parse.GetValue(cityFile),
        StatementProfile = parse.GetValue(statementProfile),
        SharesProcess = rules.Length > 1 && parse.GetValue(parallel) > 1,
        Provider = pg is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres,
        ConnectionString = pg is null
            ? $"Data Source={SimulationDatabases.SqliteFile(parse.GetValue(database)!, rule, rules.Length > 1)}"
            : SimulationDatabases.Postgres(pg, rule),
    }).ToList();

    var reports = await ProgressDisplay.RunAllAsync(runs, parse.GetValue(parallel), ct);

    ReportPrinter.Print(reports);
    var (json, csv) = ReportFiles.Write(reports, parse.GetValue(report)!);
    AnsiConsole.WriteLine($"Report written to {json} and {csv}.");
    return reports.All(r => r.AddsUp) ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
